import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { AppError } from '@cds/domain';

/**
 * The one RFC 9421 profile CDS speaks (SPEC §4). Fixing it here, rather than negotiating, is what lets
 * the hub refuse anything else with a precise code.
 *
 * Bodiless requests (GET, DELETE) also cover content-digest, with the digest of the empty body: one
 * component set for every method keeps the verifier free of method-dependent rules, and a body
 * smuggled onto a GET is caught because the hub checks it against the empty digest.
 */
export const SIGNATURE_LABEL = 'cds';
export const COVERED_COMPONENTS = ['@method', '@target-uri', '@authority', 'content-digest'] as const;
export const SIGNATURE_PARAMS = ['created', 'expires', 'nonce', 'keyid', 'alg'] as const;
export const SIGNATURE_ALG = 'ed25519';
export const SIGNATURE_VALIDITY_SECONDS = 300;
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** 128 random bits; a nonce of another signer must be at least as long as ours in base64url. */
const NONCE_BYTES = 16;
export const MIN_NONCE_LENGTH = 22;
export const MAX_NONCE_LENGTH = 256;
export const MAX_KEYID_LENGTH = 256;
const OUR_NONCE = /^[A-Za-z0-9_-]+$/;

/** Structurally the transport key of @cds/keys (SPEC §2.2), which this package does not depend on. */
export interface TransportKey {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly d: string;
  readonly kid: string;
}

export interface TransportPublicJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
}

export function newNonce(): string {
  return randomBytes(NONCE_BYTES).toString('base64url');
}

export function assertUsableNonce(nonce: string): void {
  if (nonce.length < MIN_NONCE_LENGTH || nonce.length > MAX_NONCE_LENGTH || !OUR_NONCE.test(nonce)) {
    throw new AppError('validation.failed', {
      detail: `a nonce is ${MIN_NONCE_LENGTH}–${MAX_NONCE_LENGTH} base64url characters`,
    });
  }
}

export function privateKeyOf(key: TransportKey): KeyObject {
  return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x, d: key.d }, format: 'jwk' });
}

export function publicKeyOf(jwk: TransportPublicJwk): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
}
