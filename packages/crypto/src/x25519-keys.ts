/**
 * age X25519 keys in their Bech32 spellings ("age1…" recipients, "AGE-SECRET-KEY-1…" identities), and
 * the raw Diffie-Hellman on node:crypto. Node only takes X25519 keys as KeyObjects, so raw 32-byte keys
 * are wrapped in fixed PKCS#8 / SPKI DER prefixes instead of going through JWK (which insists on `x`).
 */
import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { AppError } from '@cds/domain';
import { bech32Decode, bech32Encode } from './bech32.js';

const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const RECIPIENT_HRP = 'age';
const IDENTITY_HRP = 'AGE-SECRET-KEY-';
export const X25519_KEY_BYTES = 32;

export interface X25519KeyPair {
  /** AGE-SECRET-KEY-1…: the secret; whoever holds it opens what is sealed to `recipient`. */
  readonly identity: string;
  /** age1…: the public half, safe to publish. */
  readonly recipient: string;
}

export function privateKeyFromScalar(scalar: Uint8Array): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([PKCS8_X25519_PREFIX, scalar]),
    format: 'der',
    type: 'pkcs8',
  });
}

export function publicKeyFromPoint(point: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_X25519_PREFIX, point]), format: 'der', type: 'spki' });
}

export function rawPublicKey(key: KeyObject): Buffer {
  const { x } = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('X25519 public key export lacks x');
  return Buffer.from(x, 'base64url');
}

function rawPrivateKey(key: KeyObject): Buffer {
  const { d } = key.export({ format: 'jwk' });
  if (typeof d !== 'string') throw new Error('X25519 private key export lacks d');
  return Buffer.from(d, 'base64url');
}

/**
 * The shared secret, or undefined for a low-order peer point: OpenSSL refuses to derive the all-zero
 * secret, and age requires refusing it too (it would make the wrapping key public).
 */
export function x25519SharedSecret(privateKey: KeyObject, peerPoint: Uint8Array): Buffer | undefined {
  let secret: Buffer;
  try {
    secret = diffieHellman({ privateKey, publicKey: publicKeyFromPoint(peerPoint) });
  } catch {
    return undefined;
  }
  return secret.every((b) => b === 0) ? undefined : secret;
}

export function generateX25519Identity(): X25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return {
    identity: bech32Encode(IDENTITY_HRP, rawPrivateKey(privateKey), true),
    recipient: bech32Encode(RECIPIENT_HRP, rawPublicKey(publicKey)),
  };
}

/** The 32-byte public key of an age1… recipient; throws age.recipient_invalid. */
export function parseX25519Recipient(recipient: string): Buffer {
  let decoded: { hrp: string; data: Buffer };
  try {
    decoded = bech32Decode(recipient);
  } catch (error) {
    throw new AppError('age.recipient_invalid', { detail: (error as Error).message }, { cause: error });
  }
  if (decoded.hrp !== RECIPIENT_HRP) {
    throw new AppError('age.recipient_invalid', {
      detail: `expected an age1… recipient, got prefix "${decoded.hrp}"`,
    });
  }
  if (decoded.data.length !== X25519_KEY_BYTES) {
    throw new AppError('age.recipient_invalid', { detail: `key is ${decoded.data.length} bytes, not 32` });
  }
  return decoded.data;
}

/** The 32-byte scalar of an AGE-SECRET-KEY-1… identity; throws age.identity_invalid (never echoing it). */
export function parseX25519Identity(identity: string): Buffer {
  let decoded: { hrp: string; data: Buffer };
  try {
    decoded = bech32Decode(identity);
  } catch (error) {
    throw new AppError('age.identity_invalid', { detail: (error as Error).message });
  }
  if (decoded.hrp !== IDENTITY_HRP) {
    throw new AppError('age.identity_invalid', { detail: 'expected an AGE-SECRET-KEY-1… identity' });
  }
  if (decoded.data.length !== X25519_KEY_BYTES) {
    throw new AppError('age.identity_invalid', { detail: `key is ${decoded.data.length} bytes, not 32` });
  }
  return decoded.data;
}

export function recipientOf(identity: string): string {
  return bech32Encode(RECIPIENT_HRP, rawPublicKey(privateKeyFromScalar(parseX25519Identity(identity))));
}

export function isX25519Recipient(text: string): boolean {
  try {
    parseX25519Recipient(text);
    return true;
  } catch {
    return false;
  }
}

export function isX25519Identity(text: string): boolean {
  try {
    parseX25519Identity(text);
    return true;
  } catch {
    return false;
  }
}

/** The identities of an age-keygen file: one per line, `#` comments and blank lines ignored. */
export function parseIdentityFile(text: string): string[] {
  const identities = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const identity of identities) parseX25519Identity(identity);
  if (identities.length === 0) {
    throw new AppError('age.identity_invalid', { detail: 'the file holds no identity' });
  }
  return identities;
}
