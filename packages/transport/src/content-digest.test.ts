import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  checkBodyDigest,
  contentDigestFromHex,
  contentDigestOf,
  digestFile,
  digestReadable,
  DigestingPassThrough,
  EMPTY_BODY_DIGEST,
  sha256HexOfContentDigest,
} from './content-digest.js';

// RFC 9530 §2 example body and its sha-256 value.
const RFC_BODY = '{"hello": "world"}';
const RFC_DIGEST = 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:';
const RFC_HEX = '5f8f04f6a3a892aaabbddb6cf273894493773960d4a325b105fee46eef4304f1';

describe('Content-Digest (RFC 9530, sha-256)', () => {
  it('matches the RFC example and the empty body', () => {
    expect(contentDigestOf(RFC_BODY)).toBe(RFC_DIGEST);
    expect(EMPTY_BODY_DIGEST).toBe('sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:');
  });

  it('turns the blob store hex SHA-256 into the same header value', () => {
    expect(contentDigestFromHex(RFC_HEX)).toBe(RFC_DIGEST);
    expect(contentDigestFromHex(RFC_HEX.toUpperCase())).toBe(RFC_DIGEST);
    expect(() => contentDigestFromHex('abc')).toThrow(expect.objectContaining({ code: 'validation.failed' }));
  });

  it('hashes a stream chunk by chunk, and a file, without changing the bytes', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(64 * 1024 + i, i));
    const whole = Buffer.concat(chunks);
    const expectedHex = createHash('sha256').update(whole).digest('hex');
    await expect(digestReadable(Readable.from(chunks))).resolves.toEqual({
      contentDigest: contentDigestOf(whole),
      sha256Hex: expectedHex,
      bytes: whole.length,
    });

    const passed: Buffer[] = [];
    const hasher = new DigestingPassThrough();
    expect(() => hasher.result()).toThrow();
    await pipeline(Readable.from(chunks), hasher, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) passed.push(chunk);
    });
    expect(Buffer.concat(passed).equals(whole)).toBe(true);
    expect(hasher.result().sha256Hex).toBe(expectedHex);

    const dir = await mkdtemp(join(tmpdir(), 'cds-transport-'));
    try {
      await writeFile(join(dir, 'payload.bin'), whole);
      expect((await digestFile(join(dir, 'payload.bin'))).contentDigest).toBe(contentDigestOf(whole));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the sha-256 member, also beside other algorithms', () => {
    expect(sha256HexOfContentDigest(RFC_DIGEST)).toBe(RFC_HEX);
    expect(sha256HexOfContentDigest(`sha-512=:${Buffer.alloc(64).toString('base64')}:, ${RFC_DIGEST}`)).toBe(
      RFC_HEX,
    );
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a dictionary', 'sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE='],
    ['only sha-512', `sha-512=:${Buffer.alloc(64).toString('base64')}:`],
    ['a short sha-256', 'sha-256=:AAAA:'],
  ])('refuses a Content-Digest that is %s with transport.bad_digest', (_name, value) => {
    expect(() => sha256HexOfContentDigest(value)).toThrow(
      expect.objectContaining({ code: 'transport.bad_digest' }),
    );
  });

  it('checkBodyDigest accepts the announced body and refuses any other', () => {
    expect(() => checkBodyDigest(RFC_DIGEST, RFC_HEX)).not.toThrow();
    const other = createHash('sha256').update('{"hello": "World"}').digest('hex');
    expect(() => checkBodyDigest(RFC_DIGEST, other)).toThrow(
      expect.objectContaining({ code: 'transport.bad_digest' }),
    );
    expect(() => checkBodyDigest(RFC_DIGEST, 'not-hex')).toThrow(
      expect.objectContaining({ code: 'transport.bad_digest' }),
    );
  });
});
