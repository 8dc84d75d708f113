/**
 * The single-shot HPKE (RFC 9180, base mode) that wraps an age file key for a post-quantum hybrid
 * recipient: KEM MLKEM768-X25519 (0x647a, X-Wing), KDF HKDF-SHA256 (0x0001), AEAD ChaCha20-Poly1305
 * (0x0003), info "age-encryption.org/mlkem768x25519", empty aad (c2sp.org/age, c2sp.org/hpke-hybrids).
 * The KEM's shared secret feeds the key schedule directly (only DHKEMs have their own extract step).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import { loadMlKem768, MLKEM_PUBLIC_KEY_BYTES, type HybridPrivateKey } from './hybrid-keys.js';
import { rawPublicKey, x25519SharedSecret } from './x25519-keys.js';

const MLKEM_CIPHERTEXT_BYTES = 1088;
/** enc = ML-KEM-768 ciphertext || X25519 ephemeral share. */
export const HYBRID_ENC_BYTES = MLKEM_CIPHERTEXT_BYTES + 32;
const INFO = Buffer.from('age-encryption.org/mlkem768x25519', 'latin1');
/** X-Wing's combiner label, the six ASCII characters \.//^\ */
const XWING_LABEL = Buffer.from('5c2e2f2f5e5c', 'hex');
const HPKE_V1 = Buffer.from('HPKE-v1', 'latin1');
const SUITE_ID = Buffer.concat([
  Buffer.from('HPKE', 'latin1'),
  Buffer.from([0x64, 0x7a, 0x00, 0x01, 0x00, 0x03]),
]);
const MODE_BASE = Buffer.from([0]);
const EMPTY = Buffer.alloc(0);
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function combine(ssPq: Uint8Array, ssT: Buffer, ctT: Buffer, ekT: Buffer): Buffer {
  return createHash('sha3-256').update(ssPq).update(ssT).update(ctT).update(ekT).update(XWING_LABEL).digest();
}

/** X-Wing decapsulation; undefined when the X25519 part yields the all-zero secret age refuses. */
export async function hybridDecapsulate(key: HybridPrivateKey, enc: Buffer): Promise<Buffer | undefined> {
  const ml_kem768 = await loadMlKem768();
  const ctT = enc.subarray(MLKEM_CIPHERTEXT_BYTES);
  const ssT = x25519SharedSecret(key.x25519, ctT);
  if (!ssT) return undefined;
  // ML-KEM decapsulation never fails: a corrupted ciphertext yields an unrelated ("implicit
  // rejection") secret, so tampering surfaces as a failed tag below, i.e. "not ours".
  const ssPq = ml_kem768.decapsulate(enc.subarray(0, MLKEM_CIPHERTEXT_BYTES), key.mlkemSecretKey);
  return combine(ssPq, ssT, ctT, key.publicKey.subarray(MLKEM_PUBLIC_KEY_BYTES));
}

/** X-Wing encapsulation to a 1216-byte public key (already length-checked); throws on a bad key. */
async function hybridEncapsulate(publicKey: Buffer): Promise<{ enc: Buffer; sharedSecret: Buffer }> {
  const ml_kem768 = await loadMlKem768();
  const ekT = publicKey.subarray(MLKEM_PUBLIC_KEY_BYTES);
  const { cipherText, sharedSecret: ssPq } = ml_kem768.encapsulate(
    publicKey.subarray(0, MLKEM_PUBLIC_KEY_BYTES),
  );
  const ephemeral = generateKeyPairSync('x25519');
  const ctT = rawPublicKey(ephemeral.publicKey);
  const ssT = x25519SharedSecret(ephemeral.privateKey, ekT);
  if (!ssT) throw new Error('the X25519 part of the public key is a low-order point');
  return { enc: Buffer.concat([cipherText, ctT]), sharedSecret: combine(ssPq, ssT, ctT, ekT) };
}

function labeledExtract(salt: Buffer, label: string, ikm: Buffer): Buffer {
  return createHmac('sha256', salt).update(HPKE_V1).update(SUITE_ID).update(label).update(ikm).digest();
}

/** HKDF-Expand for L ≤ 32: one HMAC block. */
function labeledExpand(prk: Buffer, label: string, info: Buffer, length: number): Buffer {
  const lengthPrefix = Buffer.from([length >> 8, length & 0xff]);
  return createHmac('sha256', prk)
    .update(lengthPrefix)
    .update(HPKE_V1)
    .update(SUITE_ID)
    .update(label)
    .update(info)
    .update(Buffer.from([1]))
    .digest()
    .subarray(0, length);
}

/** RFC 9180 §5.1 KeySchedule in base mode (no PSK); the first message uses base_nonce as is. */
function keySchedule(sharedSecret: Buffer): { key: Buffer; nonce: Buffer } {
  const context = Buffer.concat([
    MODE_BASE,
    labeledExtract(EMPTY, 'psk_id_hash', EMPTY),
    labeledExtract(EMPTY, 'info_hash', INFO),
  ]);
  const secret = labeledExtract(sharedSecret, 'secret', EMPTY);
  return {
    key: labeledExpand(secret, 'key', context, KEY_BYTES),
    nonce: labeledExpand(secret, 'base_nonce', context, NONCE_BYTES),
  };
}

/** SealBase of a file key: the stanza's enc argument and body. */
export async function hpkeSealFileKey(
  publicKey: Buffer,
  fileKey: Buffer,
): Promise<{ enc: Buffer; body: Buffer }> {
  const { enc, sharedSecret } = await hybridEncapsulate(publicKey);
  const { key, nonce } = keySchedule(sharedSecret);
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
  return { enc, body: Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]) };
}

/** OpenBase of a stanza body after decapsulation; undefined if the tag fails (not for this key). */
export function hpkeOpenFileKey(sharedSecret: Buffer, body: Buffer): Buffer | undefined {
  const { key, nonce } = keySchedule(sharedSecret);
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}
