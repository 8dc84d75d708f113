import { describe, expect, it } from 'vitest';
import { parseTarHeader } from './tar-reader.js';
import { tarHeaderBlock as headerBlock } from './testing/craft.js';

function withChecksum(block: Buffer): Buffer {
  const copy = Buffer.from(block);
  copy.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of copy) sum += byte;
  copy.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return copy;
}

describe('strict tar header parsing', () => {
  it('reads what tar-stream writes, octal sizes and base-256 sizes (≥ 8 GiB) alike', async () => {
    expect(parseTarHeader(await headerBlock('attachments/0001', 1234))).toEqual({
      name: 'attachments/0001',
      size: 1234,
    });
    const huge = 9 * 1024 ** 3 + 7;
    const block = await headerBlock('attachments/0002', huge);
    expect(block[124]).toBe(0x80);
    expect(parseTarHeader(block)).toEqual({ name: 'attachments/0002', size: huge });
  });

  it('a zero block is the end marker', () => {
    expect(parseTarHeader(Buffer.alloc(512))).toBe('end');
  });

  it.each([
    ['a wrong checksum', (b: Buffer) => b.fill(0x31, 100, 101), /checksum/],
    ['GNU magic', (b: Buffer) => withChecksum(Buffer.from(b).fill(0x20, 262, 263)), /not POSIX ustar/],
    ['a hard link', (b: Buffer) => withChecksum(Buffer.from(b).fill(0x31, 156, 157)), /regular file/],
    [
      'a NUL typeflag (old-style file)',
      (b: Buffer) => withChecksum(Buffer.from(b).fill(0, 156, 157)),
      /regular file/,
    ],
    ['a path prefix', (b: Buffer) => withChecksum(Buffer.from(b).fill(0x61, 345, 346)), /path prefix/],
    [
      'bytes after the name terminator',
      (b: Buffer) => withChecksum(Buffer.from(b).fill(0x61, 60, 61)),
      /name is malformed/,
    ],
    ['a non-ASCII name', (b: Buffer) => withChecksum(Buffer.from(b).fill(0xe5, 0, 1)), /printable ASCII/],
    [
      'a size that is not octal',
      (b: Buffer) => withChecksum(Buffer.from(b).fill(0x39, 124, 125)),
      /size field/,
    ],
  ])('refuses %s', async (_label, mutate, detail) => {
    const block = mutate(Buffer.from(await headerBlock('attachments/0001', 10)));
    expect(() => parseTarHeader(block)).toThrow(
      expect.objectContaining({
        code: 'envelope.format_invalid',
        details: { detail: expect.stringMatching(detail) },
      }),
    );
  });
});
