/**
 * A strict reader for the one tar layout sealPayload writes (tar-stream's ustar output): plain
 * files only, names in the 100-byte name field, zero padding, two zero blocks at the end and nothing
 * after. Anything a general tar reader would tolerate (links, pax or GNU extension headers, prefixes,
 * trailing records) is refused, because an opener has no reason to accept what no sealer writes.
 */
import { AppError } from '@cds/domain';

export const BLOCK = 512;
const USTAR_MAGIC = Buffer.from('ustar\u000000', 'latin1');
const REGULAR_FILE = 0x30; // '0'

export function formatError(detail: string): AppError {
  return new AppError('envelope.format_invalid', { detail });
}

/** Exact reads over the decrypted plaintext, pulled on demand so backpressure reaches the decryptor. */
export class ByteSource {
  readonly #iterator: AsyncIterator<unknown>;
  readonly #chunks: Buffer[] = [];
  #length = 0;
  #ended = false;

  constructor(iterable: AsyncIterable<unknown>) {
    this.#iterator = iterable[Symbol.asyncIterator]();
  }

  async #pull(): Promise<boolean> {
    if (this.#ended) return false;
    const next = await this.#iterator.next();
    if (next.done === true) {
      this.#ended = true;
      return false;
    }
    const chunk = next.value as Buffer;
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#length += chunk.length;
    }
    return true;
  }

  /** Up to `max` bytes from the first buffered chunk, without copying. */
  #takeUpTo(max: number): Buffer {
    const first = this.#chunks[0] as Buffer;
    if (first.length <= max) {
      this.#chunks.shift();
      this.#length -= first.length;
      return first;
    }
    this.#chunks[0] = first.subarray(max);
    this.#length -= max;
    return first.subarray(0, max);
  }

  /** Exactly `size` bytes in one Buffer, or undefined when the plaintext ends first. */
  async exactly(size: number): Promise<Buffer | undefined> {
    while (this.#length < size) if (!(await this.#pull())) return undefined;
    const pieces: Buffer[] = [];
    for (let left = size; left > 0;) {
      const piece = this.#takeUpTo(left);
      pieces.push(piece);
      left -= piece.length;
    }
    return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, size);
  }

  /** `size` bytes as they arrive; the plaintext ending early is a format error. */
  async *stream(size: number): AsyncGenerator<Buffer, void, undefined> {
    for (let left = size; left > 0;) {
      if (this.#length === 0 && !(await this.#pull())) throw formatError('the archive ends inside an entry');
      if (this.#length === 0) continue;
      const piece = this.#takeUpTo(left);
      left -= piece.length;
      yield piece;
    }
  }

  async atEnd(): Promise<boolean> {
    while (this.#length === 0) if (!(await this.#pull())) return true;
    return false;
  }
}

function isZero(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 0) return false;
  return true;
}

/** An octal field: digits, then only NUL or space terminators (as tar-stream writes them). */
function octal(field: Buffer, name: string): number {
  let end = field.length;
  while (end > 0 && (field[end - 1] === 0 || field[end - 1] === 0x20)) end -= 1;
  const text = field.subarray(0, end).toString('latin1');
  if (!/^[0-7]{1,12}$/.test(text)) throw formatError(`the ${name} field of a tar header is malformed`);
  return parseInt(text, 8);
}

/** tar-stream switches to base-256 (first byte 0x80) for sizes of 8 GiB and more. */
function entrySize(field: Buffer): number {
  if (field[0] !== 0x80) return octal(field, 'size');
  let size = 0;
  for (const byte of field.subarray(1)) size = size * 256 + byte;
  if (!Number.isSafeInteger(size)) throw formatError('a tar entry size is out of range');
  return size;
}

export interface TarEntryHeader {
  readonly name: string;
  readonly size: number;
}

/** The entry a header block announces, or 'end' for a zero block. */
export function parseTarHeader(block: Buffer): TarEntryHeader | 'end' {
  if (isZero(block)) return 'end';
  let sum = 8 * 0x20; // the checksum field counts as spaces
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i] as number;
  if (octal(block.subarray(148, 156), 'checksum') !== sum)
    throw formatError('a tar header checksum is wrong');
  if (!block.subarray(257, 265).equals(USTAR_MAGIC)) throw formatError('a tar header is not POSIX ustar');
  if (block[156] !== REGULAR_FILE) throw formatError('the archive holds something other than a regular file');
  const nameField = block.subarray(0, 100);
  const end = nameField.indexOf(0);
  const name = nameField.subarray(0, end < 0 ? 100 : end).toString('latin1');
  if (end >= 0 && !isZero(nameField.subarray(end))) throw formatError('a tar entry name is malformed');
  if (!/^[\x21-\x7e]+$/.test(name)) throw formatError('a tar entry name is not printable ASCII');
  if (!isZero(block.subarray(157, 257)) || !isZero(block.subarray(345, 500))) {
    throw formatError(`tar entry ${name} has a link name or a path prefix`);
  }
  return { name, size: entrySize(block.subarray(124, 136)) };
}

export async function readHeader(source: ByteSource): Promise<TarEntryHeader | 'end'> {
  const block = await source.exactly(BLOCK);
  if (!block) throw formatError('the archive ends before its end marker');
  return parseTarHeader(block);
}

export async function skipPadding(source: ByteSource, size: number): Promise<void> {
  const padding = (BLOCK - (size % BLOCK)) % BLOCK;
  if (padding === 0) return;
  const bytes = await source.exactly(padding);
  if (!bytes) throw formatError('the archive ends inside an entry');
  if (!isZero(bytes)) throw formatError('the padding after an entry is not zero');
}

/** Two zero blocks (tar-stream's end marker) and then nothing: trailing bytes are refused. */
export async function expectEnd(source: ByteSource): Promise<void> {
  const marker = await source.exactly(2 * BLOCK);
  if (!marker) throw formatError('the archive ends before its end marker');
  if (!isZero(marker)) throw formatError('an entry follows manifest.jws');
  if (!(await source.atEnd())) throw formatError('data follows the end of the archive');
}
