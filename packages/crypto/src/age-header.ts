/**
 * The age v1 header: intro line, recipient stanzas, and the MAC line. Parsing is as strict as the
 * reference implementation (single spaces, canonical unpadded base64, 64-column body lines ending in a
 * short line), so the raw bytes up to "---" are exactly what the sender MACed and need no re-encoding.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '@cds/domain';
import { decodeRawBase64, encodeRawBase64 } from './base64.js';

export const INTRO_LINE = 'age-encryption.org/v1';
const INTRO = Buffer.from(`${INTRO_LINE}\n`, 'latin1');
const FOOTER_START = Buffer.from('\n---', 'latin1');
const BODY_COLUMNS = 64;
const BODY_BYTES_PER_LINE = 48;
const MAC_BYTES = 32;
/** Far above any real header (one stanza is ~120 bytes) yet bounds what a hostile file makes us buffer. */
export const MAX_HEADER_BYTES = 1024 * 1024;

export interface Stanza {
  readonly type: string;
  readonly args: readonly string[];
  readonly body: Buffer;
}

export interface AgeHeader {
  readonly stanzas: readonly Stanza[];
  /** Convenience for `envelope inspect`: the stanza types in order (e.g. ["X25519", "X25519"]). */
  readonly recipientTypes: readonly string[];
  readonly mac: Buffer;
  /** The bytes the header MAC covers: everything up to and including "---". */
  readonly macInput: Buffer;
  /** Length of the header including the MAC line; the payload nonce starts here. */
  readonly length: number;
}

function invalid(detail: string): AppError {
  return new AppError('age.header_invalid', { detail });
}

/**
 * Where the header ends in a growing prefix of the file (-1: need more bytes). Rejects non-age input
 * as soon as the intro cannot match, so a wrong file fails fast instead of filling the buffer.
 */
export function findHeaderEnd(prefix: Buffer): number {
  const introBytes = Math.min(prefix.length, INTRO.length);
  if (prefix.compare(INTRO, 0, introBytes, 0, introBytes) !== 0) throw invalid('not an age v1 file');
  const footer = prefix.indexOf(FOOTER_START, INTRO.length - 1);
  const end = footer < 0 ? -1 : prefix.indexOf(0x0a, footer + 1);
  if (end < 0) {
    if (prefix.length > MAX_HEADER_BYTES) throw invalid('header too large');
    return -1;
  }
  return end + 1;
}

function isValidArgument(arg: string): boolean {
  if (arg.length === 0) return false;
  for (let i = 0; i < arg.length; i++) {
    const c = arg.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
}

/** Parses a complete header at the start of `bytes` (trailing payload bytes are ignored). */
export function parseHeader(bytes: Uint8Array): AgeHeader {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const readLine = (): string => {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) {
      throw invalid(pos === 0 && buf.length === 0 ? 'the file is empty' : 'the header is incomplete');
    }
    const line = buf.toString('latin1', pos, nl);
    pos = nl + 1;
    return line;
  };
  if (readLine() !== INTRO_LINE) throw invalid('unsupported version or malformed intro line');
  const stanzas: Stanza[] = [];
  for (;;) {
    if (buf.toString('latin1', pos, pos + 3) === '---') {
      const macStart = pos + 3;
      const parts = readLine().split(' ');
      const mac = parts.length === 2 && parts[0] === '---' ? decodeRawBase64(parts[1] ?? '') : undefined;
      if (mac?.length !== MAC_BYTES) throw invalid('malformed MAC line');
      const macInput = Buffer.from(buf.subarray(0, macStart));
      return { stanzas, recipientTypes: stanzas.map((s) => s.type), mac, macInput, length: pos };
    }
    const opening = readLine();
    const parts = opening.split(' ');
    if (parts[0] !== '->' || parts.length < 2 || !parts.slice(1).every(isValidArgument)) {
      throw invalid('malformed stanza line');
    }
    const body: Buffer[] = [];
    for (;;) {
      const line = readLine();
      const bytesOfLine = line.length <= BODY_COLUMNS ? decodeRawBase64(line) : undefined;
      if (bytesOfLine === undefined) throw invalid('malformed stanza body line');
      body.push(bytesOfLine);
      if (bytesOfLine.length < BODY_BYTES_PER_LINE) break;
    }
    stanzas.push({ type: parts[1] ?? '', args: parts.slice(2), body: Buffer.concat(body) });
  }
}

function headerMac(fileKey: Uint8Array, macInput: Uint8Array): Buffer {
  const key = Buffer.from(hkdfSync('sha256', fileKey, Buffer.alloc(0), 'header', 32));
  return createHmac('sha256', key).update(macInput).digest();
}

export function verifyHeaderMac(fileKey: Uint8Array, header: AgeHeader): void {
  if (!timingSafeEqual(headerMac(fileKey, header.macInput), header.mac)) {
    throw new AppError('age.hmac_mismatch', {});
  }
}

export function encodeHeader(stanzas: readonly Stanza[], fileKey: Uint8Array): Buffer {
  let text = `${INTRO_LINE}\n`;
  for (const stanza of stanzas) {
    text += `-> ${[stanza.type, ...stanza.args].join(' ')}\n`;
    const body = encodeRawBase64(stanza.body);
    // A body always ends with a short (possibly empty) line, which is how a reader finds its end.
    for (let i = 0; i <= body.length; i += BODY_COLUMNS) text += `${body.slice(i, i + BODY_COLUMNS)}\n`;
  }
  text += '---';
  const macInput = Buffer.from(text, 'latin1');
  return Buffer.concat([
    macInput,
    Buffer.from(` ${encodeRawBase64(headerMac(fileKey, macInput))}\n`, 'latin1'),
  ]);
}
