/**
 * Reads the recipients of an age file without any key, for `envelope inspect`: the header of a binary
 * or armored file, from a prefix of it (the first few KiB are enough).
 */
import { AppError } from '@cds/domain';
import { ArmorDecoder, startsArmored } from './age-armor.js';
import { findHeaderEnd, parseHeader, type AgeHeader } from './age-header.js';

export interface AgeFileInfo {
  readonly armored: boolean;
  readonly header: AgeHeader;
}

export function inspectAge(prefix: Uint8Array): AgeFileInfo {
  const bytes = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const first = bytes[0];
  const armored = first !== undefined && startsArmored(first);
  const binary = armored ? new ArmorDecoder().update(bytes) : bytes;
  const end = findHeaderEnd(binary);
  if (end < 0) throw new AppError('age.header_invalid', { detail: 'the header is incomplete' });
  return { armored, header: parseHeader(binary.subarray(0, end)) };
}
