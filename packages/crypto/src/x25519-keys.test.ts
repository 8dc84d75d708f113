import { describe, expect, it } from 'vitest';
import { bech32Decode, bech32Encode } from './bech32.js';
import {
  generateX25519Identity,
  isX25519Identity,
  isX25519Recipient,
  parseIdentityFile,
  parseX25519Identity,
  recipientOf,
} from './index.js';

// From the C2SP age vectors (x25519, armor_x25519): this identity opens them.
const VECTOR_IDENTITY = 'AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0';

describe('Bech32 (BIP 173)', () => {
  it('accepts the BIP 173 valid strings and rejects the invalid ones', () => {
    for (const valid of [
      'A12UEL5L',
      'a12uel5l',
      'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
      '?1ezyfcl',
    ]) {
      expect(() => bech32Decode(valid), valid).not.toThrow();
    }
    for (const invalid of [
      'A1G7SGD8',
      '10a06t8',
      '1qzzfhee',
      'a12UEL5L',
      'abc1rzg',
      'x1b4n0q5v',
      'li1dgmt3',
    ]) {
      expect(() => bech32Decode(invalid), invalid).toThrow();
    }
  });

  it('round-trips data and keeps the prefix in the case it was written', () => {
    const data = Buffer.from('00ff10203040', 'hex');
    const lower = bech32Encode('age', data);
    expect(bech32Decode(lower)).toEqual({ hrp: 'age', data });
    const upper = bech32Encode('AGE-SECRET-KEY-', data, true);
    expect(upper).toBe(upper.toUpperCase());
    expect(bech32Decode(upper)).toEqual({ hrp: 'AGE-SECRET-KEY-', data });
  });
});

describe('X25519 keys', () => {
  it('generates a pair whose recipient is derived from the identity', () => {
    const { identity, recipient } = generateX25519Identity();
    expect(identity).toMatch(/^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/);
    expect(recipient).toMatch(/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/);
    expect(recipientOf(identity)).toBe(recipient);
    expect(isX25519Identity(identity) && isX25519Recipient(recipient)).toBe(true);
    expect(generateX25519Identity().identity).not.toBe(identity);
  });

  it('tells identities from recipients by prefix and case, and rejects damaged keys', () => {
    const { identity, recipient } = generateX25519Identity();
    expect(isX25519Recipient(identity)).toBe(false);
    expect(isX25519Identity(recipient)).toBe(false);
    expect(isX25519Identity(identity.toLowerCase())).toBe(false); // wrong-case prefix "age-secret-key-"
    expect(isX25519Recipient(recipient.toUpperCase())).toBe(false);
    const damaged = recipient.slice(0, 10) + (recipient[10] === 'q' ? 'p' : 'q') + recipient.slice(11);
    expect(isX25519Recipient(damaged)).toBe(false);
    expect(() => parseX25519Identity(identity.slice(0, -1))).toThrow(
      expect.objectContaining({ code: 'age.identity_invalid' }),
    );
    // A detail must never echo the secret.
    let caught: unknown;
    try {
      parseX25519Identity(`${identity}x`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'age.identity_invalid' });
    expect(JSON.stringify(caught)).not.toContain(identity.slice(16));
    expect(String(caught)).not.toContain(identity.slice(16));
  });

  it('reads an age-keygen file, comments and all', () => {
    const text = `# created: 2026-01-01T00:00:00Z\n# public key: ${recipientOf(VECTOR_IDENTITY)}\n${VECTOR_IDENTITY}\n`;
    expect(parseIdentityFile(text)).toEqual([VECTOR_IDENTITY]);
    expect(() => parseIdentityFile('# nothing here\n')).toThrow(
      expect.objectContaining({ code: 'age.identity_invalid' }),
    );
  });
});
