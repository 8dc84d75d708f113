import { access } from 'node:fs/promises';
import type { JWK } from 'jose';
import { ed25519Fingerprint, kidOf } from './fingerprint.js';
import { generateEd25519 } from './key-material.js';
import { readTransportKey, writeTransportKey, type TransportKey } from './transport-key.js';

export interface HubSigningKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string };
  readonly fingerprint: string;
}

function asSigningKey(key: TransportKey): HubSigningKey {
  return {
    kid: key.kid,
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x: key.x, d: key.d },
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid },
    fingerprint: ed25519Fingerprint(key.x),
  };
}

/**
 * The hub's Ed25519 key (keys/hub.jwk, 0600) signs acceptance receipts and the directory log. It is
 * created on the hub's first start; nodes pin its fingerprint (SPEC §2.3).
 */
export async function loadOrCreateHubKey(path: string, now: number): Promise<HubSigningKey> {
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists) return asSigningKey(await readTransportKey(path));
  const { privateJwk } = generateEd25519();
  const key: TransportKey = {
    ...privateJwk,
    kid: `hub-${kidOf(ed25519Fingerprint(privateJwk.x))}`,
    createdAt: now,
  };
  await writeTransportKey(path, key);
  return asSigningKey(key);
}
