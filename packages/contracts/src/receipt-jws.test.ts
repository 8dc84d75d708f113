import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTANCE_RECEIPT_FORMAT,
  DELIVERY_RECEIPT_FORMAT,
  REFUSAL_RECEIPT_FORMAT,
  receiptSignerKid,
  signReceipt,
  verifyAcceptanceReceipt,
  verifyRecipientReceipt,
  type AcceptanceReceipt,
  type DeliveryReceipt,
  type RefusalReceipt,
} from './index.js';

function keyPair(kid: string) {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { kid, privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, x: jwk.x ?? '' };
}

const hub = keyPair('hub-0123456789abcdef');
const node = keyPair('t-0123456789abcdef');
const messageId = '01920000-0000-7000-8000-000000000001';
const sha = 'ab'.repeat(32);

const acceptance: AcceptanceReceipt = {
  format: ACCEPTANCE_RECEIPT_FORMAT,
  messageId,
  from: '123456',
  to: ['EDB', 'HKEAA'],
  payloadSha256: sha,
  payloadSize: 1234,
  acceptedAt: 1_790_000_000_000,
  hubKid: hub.kid,
};
const delivery: DeliveryReceipt = {
  format: DELIVERY_RECEIPT_FORMAT,
  messageId,
  recipient: 'EDB',
  payloadSha256: sha,
  at: 1_790_000_100_000,
};

/** Flips one character of the given part (0 header, 1 payload, 2 signature) to another canonical one. */
function alter(jws: string, part: number): string {
  const pieces = jws.split('.');
  const text = pieces[part] ?? '';
  pieces[part] = `${text[0] === 'A' ? 'B' : 'A'}${text.slice(1)}`;
  return pieces.join('.');
}

describe('receipts as compact JWS', () => {
  it('an acceptance receipt round-trips with the hub key and names its signer', async () => {
    const jws = await signReceipt(acceptance, hub);
    expect(receiptSignerKid(jws)).toBe(hub.kid);
    expect(await verifyAcceptanceReceipt(jws, { kid: hub.kid, x: hub.x })).toEqual(acceptance);
  });

  it('delivery and refusal receipts round-trip with the recipient transport key', async () => {
    expect(await verifyRecipientReceipt(await signReceipt(delivery, node), node)).toEqual(delivery);
    const refusal: RefusalReceipt = {
      ...delivery,
      format: REFUSAL_RECEIPT_FORMAT,
      reason: 'envelope.payload_hash_mismatch',
    };
    expect(await verifyRecipientReceipt(await signReceipt(refusal, node), node)).toEqual(refusal);
  });

  it('refuses another key, any altered part, another receipt kind and extra fields', async () => {
    const jws = await signReceipt(delivery, node);
    const other = keyPair('t-fedcba9876543210');
    await expect(verifyRecipientReceipt(jws, other)).rejects.toMatchObject({ code: 'receipt.invalid' });
    for (const part of [0, 1, 2]) {
      await expect(verifyRecipientReceipt(alter(jws, part), node)).rejects.toMatchObject({
        code: 'receipt.invalid',
      });
    }
    // A receipt signed by the hub key is still not an acceptance receipt unless it says so.
    const wrongKind = await signReceipt(delivery, hub);
    await expect(verifyAcceptanceReceipt(wrongKind, { kid: hub.kid, x: hub.x })).rejects.toMatchObject({
      code: 'receipt.invalid',
    });
    await expect(
      signReceipt({ ...delivery, note: 'x' } as unknown as DeliveryReceipt, node),
    ).rejects.toMatchObject({ code: 'receipt.invalid' });
  });

  it('refuses an acceptance receipt whose hubKid is not the key that signed it', async () => {
    const jws = await signReceipt({ ...acceptance, hubKid: 'hub-ffffffffffffffff' }, hub);
    await expect(verifyAcceptanceReceipt(jws, { kid: hub.kid, x: hub.x })).rejects.toMatchObject({
      code: 'receipt.invalid',
      details: { detail: 'hubKid differs from the signing key' },
    });
  });

  it('refuses text that is not a compact JWS before trying a key', () => {
    expect(() => receiptSignerKid('a.b')).toThrow(expect.objectContaining({ code: 'receipt.invalid' }));
    expect(() => receiptSignerKid('a.b.c=')).toThrow(expect.objectContaining({ code: 'receipt.invalid' }));
  });
});
