/**
 * age's post-quantum hybrid keys (ML-KEM-768 + X25519, the MLKEM768-X25519 HPKE KEM, i.e. X-Wing):
 * "AGE-SECRET-KEY-PQ-1…" identities hold a 32-byte seed, "age1pq1…" recipients the 1216-byte public key
 * (ML-KEM-768 encapsulation key || X25519 point). The seed expands with SHAKE256 into the ML-KEM seed
 * (64 bytes) and the X25519 scalar (32 bytes), as c2sp.org/hpke-hybrids specifies. ML-KEM comes from
 * @noble/post-quantum (Node 20 has none); X25519, SHAKE256 and SHA3 stay on node:crypto.
 */
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import type { ml_kem768 as MlKem768 } from '@noble/post-quantum/ml-kem.js';
import { AppError } from '@cds/domain';
import { bech32Decode, bech32Encode } from './bech32.js';
import { privateKeyFromScalar, rawPublicKey } from './x25519-keys.js';

const RECIPIENT_HRP = 'age1pq';
const IDENTITY_HRP = 'AGE-SECRET-KEY-PQ-';
export const HYBRID_SEED_BYTES = 32;
export const MLKEM_PUBLIC_KEY_BYTES = 1184;
const MLKEM_SEED_BYTES = 64;
const X25519_BYTES = 32;
export const HYBRID_PUBLIC_KEY_BYTES = MLKEM_PUBLIC_KEY_BYTES + X25519_BYTES;

/** The seed expanded once, so every stanza tried against the identity reuses it. */
export interface HybridPrivateKey {
  readonly mlkemSecretKey: Uint8Array;
  readonly x25519: KeyObject;
  /** ek_PQ || ek_T: the recipient's public key, which the KEM combiner binds. */
  readonly publicKey: Buffer;
}

export interface HybridKeyPair {
  /** AGE-SECRET-KEY-PQ-1…: the secret seed. */
  readonly identity: string;
  /** age1pq1…: the public key (about 1950 characters), safe to publish. */
  readonly recipient: string;
}

let mlKem: Promise<typeof MlKem768> | undefined;

/**
 * Loaded on first use: importing it costs ~0.1 s, which every `cds` start and every X25519-only
 * encryption would otherwise pay.
 */
export function loadMlKem768(): Promise<typeof MlKem768> {
  mlKem ??= import('@noble/post-quantum/ml-kem.js').then((module) => module.ml_kem768);
  return mlKem;
}

export async function expandHybridSeed(seed: Uint8Array): Promise<HybridPrivateKey> {
  const ml_kem768 = await loadMlKem768();
  const full = createHash('shake256', { outputLength: MLKEM_SEED_BYTES + X25519_BYTES })
    .update(seed)
    .digest();
  const mlkem = ml_kem768.keygen(full.subarray(0, MLKEM_SEED_BYTES));
  const x25519 = privateKeyFromScalar(full.subarray(MLKEM_SEED_BYTES));
  full.fill(0);
  return {
    mlkemSecretKey: mlkem.secretKey,
    x25519,
    publicKey: Buffer.concat([mlkem.publicKey, rawPublicKey(x25519)]),
  };
}

function decodeAs(text: string, hrp: string, bytes: number, describe: string): Buffer {
  const code = hrp === IDENTITY_HRP ? 'age.identity_invalid' : 'age.recipient_invalid';
  let decoded: { hrp: string; data: Buffer };
  try {
    decoded = bech32Decode(text);
  } catch (error) {
    // The identity's own text is never echoed: it is a secret.
    throw new AppError(code, { detail: (error as Error).message });
  }
  // Case matters as in age: identities are written in upper case, recipients in lower case.
  if (decoded.hrp !== hrp) {
    throw new AppError(code, { detail: `expected ${describe}` });
  }
  if (decoded.data.length !== bytes) {
    throw new AppError(code, { detail: `key is ${decoded.data.length} bytes, not ${bytes}` });
  }
  return decoded.data;
}

/** The 32-byte seed of an AGE-SECRET-KEY-PQ-1… identity; throws age.identity_invalid. */
export function parseHybridIdentity(identity: string): Buffer {
  return decodeAs(identity, IDENTITY_HRP, HYBRID_SEED_BYTES, 'an AGE-SECRET-KEY-PQ-1… identity');
}

/** The 1216-byte public key of an age1pq1… recipient; throws age.recipient_invalid. */
export function parseHybridRecipient(recipient: string): Buffer {
  return decodeAs(recipient, RECIPIENT_HRP, HYBRID_PUBLIC_KEY_BYTES, 'an age1pq1… recipient');
}

export async function hybridRecipientOf(identity: string): Promise<string> {
  const { publicKey } = await expandHybridSeed(parseHybridIdentity(identity));
  return bech32Encode(RECIPIENT_HRP, publicKey);
}

export async function generateHybridIdentity(): Promise<HybridKeyPair> {
  const seed = randomBytes(HYBRID_SEED_BYTES);
  const { publicKey } = await expandHybridSeed(seed);
  return {
    identity: bech32Encode(IDENTITY_HRP, seed, true),
    recipient: bech32Encode(RECIPIENT_HRP, publicKey),
  };
}

/** Tells the hybrid spellings from the X25519 ones ("AGE-SECRET-KEY-1…", "age1…") by prefix. */
export function isHybridIdentityText(text: string): boolean {
  return text.startsWith(`${IDENTITY_HRP}1`);
}

export function isHybridRecipientText(text: string): boolean {
  return text.startsWith(`${RECIPIENT_HRP}1`);
}
