/**
 * Checks of one central-directory record, before anything is read from its data: the name (SPEC §5:
 * traversal, absolute names, bad names), the file type (symlinks), the features used (encryption,
 * compression method) and the sizes it claims (size lies, bombs).
 */
import { AppError } from '@cds/domain';
import type { Entry } from 'yauzl';
import { COMPRESSION_RATIO_FLOOR_BYTES, MAX_COMPRESSION_RATIO, MAX_ENTRY_NAME_BYTES } from './limits.js';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const MSDOS_DIRECTORY = 0x10;
const ENCRYPTED = 0x1;
const STORED = 0;
const DEFLATED = 8;

/** A name fit for an error message: quoted, control characters escaped, bounded. */
export function shown(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

function badName(entry: string, detail: string): AppError {
  return new AppError('bundle.bad_name', { entry: shown(entry), detail });
}

/** Decodes and judges an entry name; every bundle name is short printable ASCII. */
export function checkEntryName(raw: Uint8Array): string {
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw badName(Buffer.from(raw).toString('latin1'), 'the name is not UTF-8');
  }
  if (name.length === 0) throw badName(name, 'the name is empty');
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) {
    throw new AppError('bundle.absolute_name', { entry: shown(name) });
  }
  const parts = name.split(/[/\\]/);
  if (parts.includes('..')) throw new AppError('bundle.path_traversal', { entry: shown(name) });
  if (raw.length > MAX_ENTRY_NAME_BYTES) throw badName(name, `longer than ${MAX_ENTRY_NAME_BYTES} bytes`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw badName(name, 'it contains a control character');
  if (name.includes('\\')) throw badName(name, 'it contains a backslash');
  if (!/^[\x20-\x7e]+$/.test(name)) throw badName(name, 'it is not plain ASCII');
  if (parts.some((part) => part === '' || part === '.')) throw badName(name, 'it has an empty or "." part');
  return name;
}

/** Regular files only: a symlink or a device in a bundle is an attack, a directory is noise. */
export function checkEntryType(name: string, entry: Entry): void {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) throw new AppError('bundle.symlink', { entry: shown(name) });
  if (mode !== 0 && mode !== S_IFREG) throw badName(name, 'it is not a regular file');
  if ((entry.externalFileAttributes & MSDOS_DIRECTORY) !== 0) throw badName(name, 'it is a directory');
}

export function checkEntryFeatures(name: string, entry: Entry): void {
  if ((entry.generalPurposeBitFlag & ENCRYPTED) !== 0) {
    throw new AppError('bundle.unsupported_feature', { detail: `${shown(name)} is encrypted` });
  }
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw new AppError('bundle.unsupported_feature', {
      detail: `${shown(name)} uses compression method ${entry.compressionMethod}`,
    });
  }
}

/** What the record claims, against the per-entry limit and the ratio a real bundle can reach. */
export function checkEntrySizes(name: string, entry: Entry, maxBytes: number): void {
  const { compressedSize, uncompressedSize } = entry;
  if (uncompressedSize > maxBytes) {
    throw new AppError('bundle.too_large', { entry: shown(name), size: uncompressedSize, limit: maxBytes });
  }
  if (entry.compressionMethod === STORED && compressedSize !== uncompressedSize) {
    throw new AppError('bundle.size_mismatch', {
      entry: shown(name),
      detail: `stored uncompressed, yet ${compressedSize} bytes are said to hold ${uncompressedSize}`,
    });
  }
  if (
    uncompressedSize > COMPRESSION_RATIO_FLOOR_BYTES &&
    uncompressedSize > compressedSize * MAX_COMPRESSION_RATIO
  ) {
    throw new AppError('bundle.compression_bomb', {
      detail: `${shown(name)} would inflate ${compressedSize} bytes to ${uncompressedSize}`,
    });
  }
}
