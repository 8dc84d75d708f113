/**
 * The post-quantum hybrid recipient beyond the CCTV vectors (which prove decryption of age's own files):
 * key derivation matches the age spec's example and an independent X-Wing implementation, what we
 * encrypt opens (and decapsulates identically in @noble/post-quantum), and bad keys get clear errors.
 */
import { randomBytes } from 'node:crypto';
import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@cds/domain';
import { bech32Encode } from './bech32.js';
import { hybridDecapsulate } from './hybrid-hpke.js';
import { expandHybridSeed } from './hybrid-keys.js';
import {
  decryptBuffer,
  encryptBuffer,
  generateHybridIdentity,
  generateX25519Identity,
  hybridRecipientOf,
  parseAgeIdentity,
  parseAgeRecipient,
  parseHeader,
  parseHybridIdentity,
  type Identity,
} from './index.js';
import { decodeRawBase64 } from './base64.js';

// The example pair of c2sp.org/age ("The MLKEM768-X25519 hybrid post-quantum recipient type").
const SPEC_IDENTITY = 'AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR';
const SPEC_RECIPIENT_START = 'age1pq1x34nzsvr0rxjsgdn8zgyhfe8j7ceq5r9rdelkjuh3y235jzxshfg87pzf5zrqtzdx';
const SPEC_RECIPIENT_END = 'dkmhh6gjtqmwze9pyyzk3tlhl53k2ykx3qheyty7saeq0d3fzv49zc0k';

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return isAppError(error) ? `${error.code}: ${String(error.details['detail'])}` : String(error);
  }
  return undefined;
}

describe('post-quantum hybrid keys (ML-KEM-768 + X25519)', () => {
  it('derives the age spec example recipient, and the same public key as @noble/post-quantum X-Wing', async () => {
    const recipient = await hybridRecipientOf(SPEC_IDENTITY);
    expect(recipient.startsWith(SPEC_RECIPIENT_START)).toBe(true);
    expect(recipient.endsWith(SPEC_RECIPIENT_END)).toBe(true);
    expect(recipient.length).toBe(1959); // "age1pq" "1", 1946 data and 6 checksum characters
    const seed = randomBytes(32);
    const { publicKey } = await expandHybridSeed(seed);
    expect(publicKey.equals(ml_kem768_x25519.getPublicKey(seed))).toBe(true);
  });

  it('what we encrypt to age1pq1… recipients opens with each identity, and decapsulates alike in noble', async () => {
    const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => generateHybridIdentity()));
    if (!alice || !bob || !carol) throw new Error('three identities expected');
    const data = randomBytes(70_000);
    const file = await encryptBuffer(
      [alice, bob].map((k) => parseAgeRecipient(k.recipient)),
      data,
    );
    for (const key of [alice, bob]) {
      expect((await decryptBuffer([parseAgeIdentity(key.identity)], file)).equals(data)).toBe(true);
    }
    await expect(decryptBuffer([parseAgeIdentity(carol.identity)], file)).rejects.toMatchObject({
      code: 'age.no_match',
    });
    const header = parseHeader(file.subarray(0, file.indexOf('\n---') + 49));
    expect(header.recipientTypes).toEqual(['mlkem768x25519', 'mlkem768x25519']);
    const enc = decodeRawBase64(header.stanzas[0]?.args[0] ?? '') ?? Buffer.alloc(0);
    const seed = parseHybridIdentity(alice.identity);
    const ours = await hybridDecapsulate(await expandHybridSeed(seed), enc);
    expect(ours?.equals(ml_kem768_x25519.decapsulate(enc, seed))).toBe(true);
  });

  it('refuses mixing post-quantum and classic recipients, as age does', async () => {
    const recipients = [await generateHybridIdentity(), generateX25519Identity()].map((k) =>
      parseAgeRecipient(k.recipient),
    );
    await expect(encryptBuffer(recipients, Buffer.from('x'))).rejects.toMatchObject({
      code: 'age.recipient_invalid',
      details: { detail: expect.stringMatching(/cannot be mixed/) },
    });
  });

  it('names what is wrong with a damaged or mistyped key, without echoing secrets', async () => {
    const { identity, recipient } = await generateHybridIdentity();
    const flipped = `${identity.slice(0, 30)}${identity[30] === 'Q' ? 'P' : 'Q'}${identity.slice(31)}`;
    const short = bech32Encode('AGE-SECRET-KEY-PQ-', randomBytes(31), true);
    expect(codeOf(() => parseAgeIdentity(flipped))).toBe('age.identity_invalid: invalid checksum');
    expect(codeOf(() => parseAgeIdentity(short))).toBe('age.identity_invalid: key is 31 bytes, not 32');
    expect(codeOf(() => parseAgeIdentity(identity.toLowerCase()))).toMatch(/^age\.identity_invalid: /);
    expect(codeOf(() => parseAgeIdentity(recipient))).toMatch(/^age\.identity_invalid: /);
    expect(codeOf(() => parseAgeRecipient(recipient.slice(0, -1)))).toBe(
      'age.recipient_invalid: invalid checksum',
    );
    expect(codeOf(() => parseAgeRecipient(bech32Encode('age1pq', randomBytes(32))))).toBe(
      'age.recipient_invalid: key is 32 bytes, not 1216',
    );
    for (const text of [flipped, short]) {
      expect(codeOf(() => parseAgeIdentity(text))).not.toContain(text.slice(20));
    }
    // Decryption validates identities before reading any input.
    const bad: Identity[] = [{ kind: 'hybrid', identity: short }];
    await expect(decryptBuffer(bad, Buffer.alloc(0))).rejects.toMatchObject({
      code: 'age.identity_invalid',
      details: { detail: 'key is 31 bytes, not 32' },
    });
  });
});
