/**
 * Conformance with every C2SP CCTV age vector, post-quantum hybrid ones included. Each failure class of the
 * vectors must surface as our specific error codes, and whatever plaintext was released before a
 * failure must hash to the vector's payload (so nothing unauthenticated ever leaks out).
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { isAppError, type ErrorCode } from '@cds/domain';
import {
  decryptStream,
  generateX25519Identity,
  parseAgeIdentity,
  type DecryptOptions,
  type Identity,
} from './index.js';
import { loadAgeVectors, sha256Hex, type AgeVector, type Expectation } from './testing/vectors.js';

const CODES_OF: Record<Exclude<Expectation, 'success'>, readonly ErrorCode[]> = {
  'header failure': ['age.header_invalid'],
  'no match': ['age.no_match', 'age.wrong_passphrase'],
  'HMAC failure': ['age.hmac_mismatch'],
  'payload failure': ['age.payload_invalid', 'age.truncated', 'age.trailing_data'],
  'armor failure': ['age.armor_invalid'],
};

/** Two vectors carry no identity (their header fails first); decryption still needs one to try. */
const UNRELATED = generateX25519Identity().identity;

function identitiesOf(vector: AgeVector): Identity[] {
  const identities: Identity[] = [
    ...vector.identities.map(parseAgeIdentity),
    ...vector.passphrases.map((passphrase) => ({ kind: 'scrypt' as const, passphrase })),
  ];
  return identities.length ? identities : [{ kind: 'x25519', identity: UNRELATED }];
}

/** Hashes rather than bytes: comparing multi-megabyte Buffers with toEqual is very slow. */
interface Outcome {
  readonly releasedSha256: string;
  readonly releasedBytes: number;
  readonly code: string | undefined;
}

async function run(vector: AgeVector, pieceSize: number, options: DecryptOptions): Promise<Outcome> {
  const released: Buffer[] = [];
  const pieces: Buffer[] = [];
  for (let i = 0; i < vector.file.length; i += pieceSize) pieces.push(vector.file.subarray(i, i + pieceSize));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      released.push(chunk);
      callback();
    },
  });
  let code: string | undefined;
  try {
    await pipeline(Readable.from(pieces), decryptStream(identitiesOf(vector), options), sink);
  } catch (error) {
    if (!isAppError(error)) throw error;
    code = error.code;
  }
  const all = Buffer.concat(released);
  return { releasedSha256: sha256Hex(all), releasedBytes: all.length, code };
}

function check(vector: AgeVector, outcome: Outcome): void {
  const label = `${vector.name} (${vector.expect})`;
  if (vector.expect === 'success') {
    expect(outcome.code, label).toBeUndefined();
  } else {
    expect(CODES_OF[vector.expect], `${label} gave ${outcome.code}`).toContain(outcome.code);
  }
  if (vector.payloadSha256 !== undefined) expect(outcome.releasedSha256, label).toBe(vector.payloadSha256);
  else expect(outcome.releasedBytes, label).toBe(0);
}

const vectors = loadAgeVectors();

describe('age conformance (C2SP CCTV vectors)', () => {
  it('runs all 143 vectors, the 19 with a post-quantum identity included', () => {
    expect(vectors.length).toBe(143);
    const hybrid = vectors.filter((v) => v.identities.some((i) => i.startsWith('AGE-SECRET-KEY-PQ-')));
    expect(hybrid.length).toBe(19); // 18 hybrid-only, and hybrid_x25519_arg with both kinds
  });

  for (const vector of vectors) {
    it(`${vector.name}: ${vector.expect}`, async () => {
      const armor = vector.armored;
      const whole = await run(vector, Math.max(1, vector.file.length), { armor });
      check(vector, whole);
      // Cut into odd pieces so chunk, header, nonce and armor-line boundaries fall mid-read.
      const pieceSize = vector.file.length < 4096 ? 1 : 4099;
      expect(await run(vector, pieceSize, { armor })).toEqual(whole);
      if (vector.expect === 'success') expect(await run(vector, 65_551, { armor: 'auto' })).toEqual(whole);
      if (vector.expect === 'no match') {
        const scrypt = vector.file.includes('\n-> scrypt ');
        expect(whole.code).toBe(scrypt ? 'age.wrong_passphrase' : 'age.no_match');
      }
    });
  }
});
