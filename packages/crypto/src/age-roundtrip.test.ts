/**
 * What callers rely on: what we seal opens again byte for byte at the chunk-size edges, only for the
 * right key, and any change to the file (a flipped byte, a cut, extra bytes) is refused with a named
 * code and never releases unauthenticated plaintext.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decryptBuffer,
  encryptBuffer,
  generateX25519Identity,
  type Identity,
  type Recipient,
} from './index.js';
import { isAppError, latinProse, type AppError } from '@cds/domain';
import { encryptPieces, tryDecrypt } from './testing/streams.js';

const KIB = 1024;
const alice = generateX25519Identity();
const bob = generateX25519Identity();
const carol = generateX25519Identity();
const toAlice: Recipient[] = [{ kind: 'x25519', recipient: alice.recipient }];
const asAlice: Identity[] = [{ kind: 'x25519', identity: alice.identity }];

describe('age round trips', () => {
  const sizes = [0, 1, 64 * KIB - 1, 64 * KIB, 64 * KIB + 1, 3 * 64 * KIB, 3 * 64 * KIB + 17];
  for (const size of sizes) {
    it(`${size} bytes, written whole and in odd pieces, open again`, async () => {
      const data = randomBytes(size);
      for (const pieceSize of [size, 1000, 65_537]) {
        const file = await encryptPieces(toAlice, data, pieceSize);
        const chunks = Math.max(1, Math.ceil(size / (64 * KIB)));
        expect(file.length - size - chunks * 16).toBeGreaterThan(0); // header + nonce, one tag per chunk
        const opened = await tryDecrypt(asAlice, file, 4099);
        expect(opened.code).toBeUndefined();
        expect(opened.released.equals(data)).toBe(true);
      }
    });
  }

  it('inputs large enough to be sealed on worker threads round-trip across every batch edge', async () => {
    // Past 8 MiB of input, 16-chunk batches go to workers (or stay here when they are busy), and
    // their outputs must come back in order around the chunks sealed on this thread.
    const MIB = 1024 * KIB;
    for (const size of [8 * MIB, 8 * MIB + 1, 9 * MIB + 17 * 64 * KIB + 5]) {
      const data = randomBytes(size);
      for (const pieceSize of [MIB + 3, 65_537]) {
        const opened = await tryDecrypt(asAlice, await encryptPieces(toAlice, data, pieceSize), MIB);
        expect(opened.code, `${size} in ${pieceSize}`).toBeUndefined();
        expect(opened.released.equals(data), `${size} in ${pieceSize}`).toBe(true);
      }
    }
  });

  it('every recipient of a multi-recipient file opens it, anyone else gets age.no_match', async () => {
    const data = randomBytes(70 * KIB);
    const file = await encryptBuffer(
      [alice, bob].map((k) => ({ kind: 'x25519', recipient: k.recipient })),
      data,
    );
    for (const key of [alice, bob]) {
      expect((await decryptBuffer([{ kind: 'x25519', identity: key.identity }], file)).equals(data)).toBe(
        true,
      );
    }
    const stranger = await tryDecrypt([{ kind: 'x25519', identity: carol.identity }], file);
    expect(stranger).toEqual({ released: Buffer.alloc(0), code: 'age.no_match' });
    // Several identities: the one that matches wins wherever it is in the list.
    const mixed = await tryDecrypt(
      [
        { kind: 'x25519', identity: carol.identity },
        { kind: 'x25519', identity: bob.identity },
      ],
      file,
    );
    expect(mixed.released.equals(data)).toBe(true);
  });

  it('a passphrase file opens with the passphrase; a wrong one is age.wrong_passphrase, not age.no_match', async () => {
    const data = Buffer.from('{"format":"cds-keyring/1"}');
    const file = await encryptBuffer([{ kind: 'scrypt', passphrase: 'correct horse', logN: 10 }], data);
    expect(file.toString('latin1')).toMatch(/^age-encryption\.org\/v1\n-> scrypt \S{22} 10\n/);
    expect(
      (await decryptBuffer([{ kind: 'scrypt', passphrase: Buffer.from('correct horse') }], file)).equals(
        data,
      ),
    ).toBe(true);
    expect((await tryDecrypt([{ kind: 'scrypt', passphrase: 'wrong horse' }], file)).code).toBe(
      'age.wrong_passphrase',
    );
    expect((await tryDecrypt(asAlice, file)).code).toBe('age.no_match');
    // A work factor above the caller's ceiling is refused before any scrypt work is done.
    expect((await tryDecrypt([{ kind: 'scrypt', passphrase: 'correct horse', maxLogN: 9 }], file)).code).toBe(
      'age.header_invalid',
    );
  });

  it('refuses recipient lists age forbids, and malformed keys, before reading anything', async () => {
    const scrypt: Recipient = { kind: 'scrypt', passphrase: 'x', logN: 10 };
    await expect(encryptBuffer([scrypt, toAlice[0] as Recipient], Buffer.alloc(1))).rejects.toMatchObject({
      code: 'age.recipient_invalid',
    });
    await expect(encryptBuffer([], Buffer.alloc(1))).rejects.toMatchObject({ code: 'age.recipient_invalid' });
    await expect(
      encryptBuffer([{ kind: 'x25519', recipient: alice.identity }], Buffer.alloc(1)),
    ).rejects.toMatchObject({
      code: 'age.recipient_invalid',
    });
    await expect(
      decryptBuffer([{ kind: 'x25519', identity: alice.recipient }], Buffer.alloc(1)),
    ).rejects.toMatchObject({
      code: 'age.identity_invalid',
    });
  });

  it('armored output round-trips and is 64-column armor', async () => {
    const data = randomBytes(100 * KIB);
    const file = await encryptPieces(toAlice, data, 3000, true);
    const lines = file.toString('latin1').split('\n');
    expect(lines[0]).toBe('-----BEGIN AGE ENCRYPTED FILE-----');
    expect(lines.at(-2)).toBe('-----END AGE ENCRYPTED FILE-----');
    expect(lines.slice(1, -3).every((l) => l.length === 64)).toBe(true);
    for (const armor of [true, 'auto'] as const) {
      const opened = await tryDecrypt(asAlice, file, 777, { armor });
      expect(opened.code).toBeUndefined();
      expect(opened.released.equals(data)).toBe(true);
    }
    expect((await tryDecrypt(asAlice, file, file.length, { armor: false })).code).toBe('age.header_invalid');
  });

  it('a flipped bit anywhere in the header, nonce or payload is refused and releases nothing unverified', async () => {
    const data = randomBytes(2 * 64 * KIB + 100);
    const file = await encryptBuffer(
      [alice, bob].map((k) => ({ kind: 'x25519', recipient: k.recipient })),
      data,
    );
    const payloadStart = file.length - data.length - 3 * 16 - 16; // header ends where the 16-byte nonce starts
    const positions = new Set<number>();
    for (let i = 0; i < payloadStart + 16 + 64; i++) positions.add(i); // every header and nonce byte
    for (const chunkStart of [0, 64 * KIB + 16, 2 * (64 * KIB + 16)]) {
      for (const offset of [0, 1, 1000, 64 * KIB - 1, 64 * KIB, 64 * KIB + 15]) {
        const at = payloadStart + 16 + chunkStart + offset;
        if (at < file.length) positions.add(at);
      }
    }
    positions.add(file.length - 1);
    for (const at of positions) {
      for (const bit of [0x01, 0x80]) {
        const damaged = Buffer.from(file);
        damaged[at] = (damaged[at] as number) ^ bit;
        const outcome = await tryDecrypt(asAlice, damaged);
        expect(outcome.code, `flip at ${at}`).toMatch(
          /^age\.(header_invalid|hmac_mismatch|no_match|payload_invalid)$/,
        );
        // Only whole chunks before the damaged one may have been released.
        const chunkOfFlip = Math.floor(Math.max(0, at - payloadStart - 16) / (64 * KIB + 16));
        expect(outcome.released.length, `flip at ${at}`).toBeLessThanOrEqual(chunkOfFlip * 64 * KIB);
        expect(outcome.released.equals(data.subarray(0, outcome.released.length))).toBe(true);
      }
    }
  });

  it('a file cut short anywhere, or with anything appended, is refused', async () => {
    const data = randomBytes(2 * 64 * KIB);
    const file = await encryptBuffer(toAlice, data);
    const headerAndNonce = file.length - data.length - 2 * 16;
    const cuts = [
      1,
      headerAndNonce - 17,
      headerAndNonce - 1,
      headerAndNonce,
      headerAndNonce + 5,
      64 * KIB + 16,
    ];
    for (const cut of cuts) {
      const outcome = await tryDecrypt(asAlice, file.subarray(0, headerAndNonce + 2 * (64 * KIB + 16) - cut));
      expect(outcome.code, `cut ${cut}`).toMatch(/^age\.(truncated|payload_invalid|header_invalid)$/);
    }
    // Exactly at a chunk boundary the loss of the final chunk is a truncation, not a bad tag.
    const oneChunkLess = file.subarray(0, headerAndNonce + 64 * KIB + 16);
    expect((await tryDecrypt(asAlice, oneChunkLess)).code).toBe('age.truncated');
    expect((await tryDecrypt(asAlice, file.subarray(0, headerAndNonce))).code).toBe('age.truncated');
    for (const extra of [Buffer.from([0]), randomBytes(100), randomBytes(70 * KIB)]) {
      const outcome = await tryDecrypt(asAlice, Buffer.concat([file, extra]), 5000);
      expect(outcome.code).toMatch(/^age\.(trailing_data|payload_invalid)$/);
    }
    expect((await tryDecrypt(asAlice, Buffer.concat([file, Buffer.from([0])]))).code).toBe(
      'age.trailing_data',
    );
  });

  it('a damaged file is refused in Chinese for a zh-HK user, the parser’s words kept apart', async () => {
    const data = randomBytes(2 * 64 * KIB);
    const file = await encryptBuffer(toAlice, data);
    const tampered = Buffer.from(file);
    tampered[tampered.length - 20] = (tampered[tampered.length - 20] ?? 0) ^ 1;
    const damaged: Array<[string, Buffer]> = [
      ['empty', Buffer.alloc(0)],
      ['header cut', file.subarray(0, 40)],
      ['final chunk cut short', file.subarray(0, file.length - 10)],
      ['one chunk less', file.subarray(0, file.length - data.length - 32 + 64 * KIB + 16)],
      ['a flipped bit', tampered],
      ['appended data', Buffer.concat([file, Buffer.from([0])])],
    ];
    const codes = new Set<string>();
    for (const [name, bytes] of damaged) {
      const error = await decryptBuffer(asAlice, bytes).then(
        () => null,
        (caught: unknown) => caught,
      );
      if (!isAppError(error)) throw new Error(`${name}: not refused with an AppError`);
      codes.add(error.code);
      expect(error.messageIn('zh-HK'), name).toMatch(/\p{Script=Han}/u);
      expect(latinProse(error.messageIn('zh-HK')), name).toBeNull();
    }
    expect([...codes].sort()).toEqual([
      'age.header_invalid',
      'age.payload_invalid',
      'age.trailing_data',
      'age.truncated',
    ]);
    const cut = await decryptBuffer(asAlice, file.subarray(0, file.length - 10)).catch(
      (caught: unknown) => caught,
    );
    expect(cut).toMatchObject({ code: 'age.payload_invalid' });
    expect((cut as AppError).technicalDetail).toMatch(/^the final chunk /);
  });

  it('property: any content of any size round-trips through any write pattern', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4 * 64 * KIB + 100 }),
        fc.integer({ min: 1, max: 200 * KIB }),
        fc.integer({ min: 1, max: 200 * KIB }),
        fc.boolean(),
        async (size, writeSize, readSize, armor) => {
          const data = randomBytes(size);
          const file = await encryptPieces(toAlice, data, writeSize, armor);
          const opened = await tryDecrypt(asAlice, file, readSize);
          return opened.code === undefined && opened.released.equals(data);
        },
      ),
      { numRuns: 60 },
    );
  });
});
