import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import { generateX25519Identity, recipientOf } from '@cds/crypto';
import { kidOf, messageKeyFingerprint } from './fingerprint.js';
import type { KeyringEntry } from './keyring-file.js';
import type { KeyStatement } from './statement.js';
import { validityWindow } from './validity.js';

export interface Ed25519Pair {
  readonly privateJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string };
  readonly publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
}

export function generateEd25519(): Ed25519Pair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  if (!jwk.x || !jwk.d) throw new Error('Ed25519 export lacks x or d');
  return {
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d },
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
  };
}

/** A fresh message key pair set (X25519 to receive, Ed25519 to sign), valid 365 days from now. */
export function generateMessageKey(now: number): KeyringEntry {
  const x25519 = generateX25519Identity();
  const ed25519 = generateEd25519();
  const fingerprint = messageKeyFingerprint(x25519.recipient, ed25519.publicJwk.x);
  return {
    kid: kidOf(fingerprint),
    ...validityWindow(now),
    x25519: x25519.identity,
    ed25519: ed25519.privateJwk,
  };
}

export interface PublicMessageKey {
  readonly kid: string;
  readonly fingerprint: string;
  readonly x25519: string;
  readonly ed25519: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  readonly validFrom: number;
  readonly validTo: number;
}

export function publicPartOf(entry: KeyringEntry): PublicMessageKey {
  const x25519 = recipientOf(entry.x25519);
  const ed25519 = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: entry.ed25519.x };
  return {
    kid: entry.kid,
    fingerprint: messageKeyFingerprint(x25519, ed25519.x),
    x25519,
    ed25519,
    validFrom: entry.validFrom,
    validTo: entry.validTo,
  };
}

export function statementFor(
  party: string,
  key: PublicMessageKey,
  issuedAt: number,
  previousKid: string | null,
  recovery: boolean,
): KeyStatement {
  return { format: 'cds-key-statement/1', party, ...key, issuedAt, previousKid, recovery };
}
