/**
 * The recipient types of age: wrapping the 16-byte file key into stanzas (X25519, scrypt, and the
 * post-quantum hybrid mlkem768x25519) and unwrapping it again. Failures follow the reference implementation: a stanza that is not ours is
 * skipped ("no match"), a stanza of our type that is malformed fails the whole header.
 */
import {
  createCipheriv,
  createDecipheriv,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt,
} from 'node:crypto';
import { AppError } from '@cds/domain';
import { decodeRawBase64, encodeRawBase64 } from './base64.js';
import type { Stanza } from './age-header.js';
import { HYBRID_ENC_BYTES, hpkeOpenFileKey, hpkeSealFileKey, hybridDecapsulate } from './hybrid-hpke.js';
import {
  expandHybridSeed,
  parseHybridIdentity,
  parseHybridRecipient,
  type HybridPrivateKey,
} from './hybrid-keys.js';
import {
  parseX25519Identity,
  parseX25519Recipient,
  privateKeyFromScalar,
  rawPublicKey,
  x25519SharedSecret,
} from './x25519-keys.js';

export const FILE_KEY_BYTES = 16;
const X25519_LABEL = 'age-encryption.org/v1/X25519';
const SCRYPT_LABEL = 'age-encryption.org/v1/scrypt';
const SCRYPT_SALT_BYTES = 16;
/** age's own default ceiling: a hostile file cannot make us spend more than ~4 GiB and seconds of CPU. */
export const DEFAULT_MAX_SCRYPT_LOG_N = 22;
export const DEFAULT_SCRYPT_LOG_N = 18;
const WRAPPED_KEY_BYTES = FILE_KEY_BYTES + 16;
const ZERO_NONCE = Buffer.alloc(12);

export type Recipient =
  | { readonly kind: 'x25519'; readonly recipient: string }
  /** age1pq1…: ML-KEM-768 + X25519, safe against a future quantum computer. */
  | { readonly kind: 'hybrid'; readonly recipient: string }
  | { readonly kind: 'scrypt'; readonly passphrase: Buffer | string; readonly logN?: number };

export type Identity =
  | { readonly kind: 'x25519'; readonly identity: string }
  | { readonly kind: 'hybrid'; readonly identity: string }
  | { readonly kind: 'scrypt'; readonly passphrase: Buffer | string; readonly maxLogN?: number };

function seal(key: Uint8Array, fileKey: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: 16 });
  return Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
}

function open(key: Uint8Array, body: Buffer): Buffer | undefined {
  const decipher = createDecipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: 16 });
  decipher.setAuthTag(body.subarray(FILE_KEY_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, FILE_KEY_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}

function scryptKey(passphrase: Buffer | string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  const r = 8;
  // Node refuses above maxmem (default 32 MiB); 2 × 128·N·r leaves room for OpenSSL's extra blocks.
  const maxmem = 2 * 128 * N * r;
  const label = Buffer.concat([Buffer.from(SCRYPT_LABEL, 'latin1'), salt]);
  return new Promise((resolve, reject) => {
    scrypt(passphrase, label, 32, { N, r, p: 1, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export function validateRecipients(recipients: readonly Recipient[]): void {
  if (recipients.length === 0) throw new AppError('age.recipient_invalid', { detail: 'no recipients' });
  for (const recipient of recipients) {
    if (recipient.kind === 'x25519' || recipient.kind === 'hybrid') {
      if (recipient.kind === 'x25519') parseX25519Recipient(recipient.recipient);
      else parseHybridRecipient(recipient.recipient);
      continue;
    }
    if (recipients.length !== 1) {
      throw new AppError('age.recipient_invalid', {
        detail: 'a passphrase (scrypt) recipient must be the only one',
      });
    }
    const logN = recipient.logN ?? DEFAULT_SCRYPT_LOG_N;
    if (!Number.isInteger(logN) || logN < 1 || logN > DEFAULT_MAX_SCRYPT_LOG_N) {
      throw new AppError('age.recipient_invalid', {
        detail: `scrypt work factor ${logN} is out of range 1–22`,
      });
    }
  }
  // As age does: a classic recipient would let a future quantum computer open what the
  // post-quantum ones protect.
  const hybrid = recipients.filter((r) => r.kind === 'hybrid').length;
  if (hybrid > 0 && hybrid < recipients.length) {
    throw new AppError('age.recipient_invalid', {
      detail: 'post-quantum (age1pq1…) and classic recipients cannot be mixed in one file',
    });
  }
}

async function hybridStanza(recipient: string, fileKey: Buffer): Promise<Stanza> {
  let sealed: { enc: Buffer; body: Buffer };
  try {
    sealed = await hpkeSealFileKey(parseHybridRecipient(recipient), fileKey);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // ML-KEM refuses an encapsulation key with out-of-range coefficients.
    throw new AppError('age.recipient_invalid', { detail: (error as Error).message }, { cause: error });
  }
  return { type: 'mlkem768x25519', args: [encodeRawBase64(sealed.enc)], body: sealed.body };
}

export async function wrapFileKey(recipients: readonly Recipient[], fileKey: Buffer): Promise<Stanza[]> {
  validateRecipients(recipients);
  const stanzas: Stanza[] = [];
  for (const recipient of recipients) {
    if (recipient.kind === 'x25519') {
      const theirs = parseX25519Recipient(recipient.recipient);
      const ephemeral = generateKeyPairSync('x25519');
      const share = rawPublicKey(ephemeral.publicKey);
      const secret = x25519SharedSecret(ephemeral.privateKey, theirs);
      if (!secret) throw new AppError('age.recipient_invalid', { detail: 'low-order X25519 public key' });
      const key = hkdfSync('sha256', secret, Buffer.concat([share, theirs]), X25519_LABEL, 32);
      stanzas.push({ type: 'X25519', args: [encodeRawBase64(share)], body: seal(Buffer.from(key), fileKey) });
    } else if (recipient.kind === 'hybrid') {
      stanzas.push(await hybridStanza(recipient.recipient, fileKey));
    } else {
      const logN = recipient.logN ?? DEFAULT_SCRYPT_LOG_N;
      const salt = randomBytes(SCRYPT_SALT_BYTES);
      const key = await scryptKey(recipient.passphrase, salt, logN);
      stanzas.push({ type: 'scrypt', args: [encodeRawBase64(salt), String(logN)], body: seal(key, fileKey) });
    }
  }
  return stanzas;
}

/** The result of trying one identity on one stanza: the file key, or undefined for "not ours". */
type Unwrapper = (stanza: Stanza) => Buffer | undefined | Promise<Buffer | undefined>;

function checkedBody(stanza: Stanza): Buffer {
  // Checked before decrypting so a long body cannot be mistaken for a wrong key.
  if (stanza.body.length !== WRAPPED_KEY_BYTES) {
    throw headerError(`${stanza.type} stanza body has the wrong size`);
  }
  return stanza.body;
}

function headerError(detail: string): AppError {
  return new AppError('age.header_invalid', { detail });
}

function x25519Unwrapper(identity: string): Unwrapper {
  const privateKey = privateKeyFromScalar(parseX25519Identity(identity));
  const ours = rawPublicKey(privateKey);
  return (stanza) => {
    if (stanza.type !== 'X25519') return undefined;
    const share = stanza.args.length === 1 ? decodeRawBase64(stanza.args[0] ?? '') : undefined;
    if (share?.length !== 32) throw headerError('malformed X25519 stanza');
    const body = checkedBody(stanza);
    const secret = x25519SharedSecret(privateKey, share);
    if (!secret) throw headerError('X25519 stanza with a low-order share');
    const key = hkdfSync('sha256', secret, Buffer.concat([share, ours]), X25519_LABEL, 32);
    return open(Buffer.from(key), body);
  };
}

function hybridUnwrapper(identity: string): Unwrapper {
  const seed = parseHybridIdentity(identity);
  // Expanded on the first hybrid stanza met, then reused for every other one.
  let key: Promise<HybridPrivateKey> | undefined;
  return async (stanza) => {
    if (stanza.type !== 'mlkem768x25519') return undefined;
    const enc = stanza.args.length === 1 ? decodeRawBase64(stanza.args[0] ?? '') : undefined;
    if (enc?.length !== HYBRID_ENC_BYTES) throw headerError('malformed mlkem768x25519 stanza');
    const body = checkedBody(stanza);
    key ??= expandHybridSeed(seed);
    const secret = await hybridDecapsulate(await key, enc);
    if (!secret) throw headerError('mlkem768x25519 stanza with a low-order X25519 share');
    return hpkeOpenFileKey(secret, body);
  };
}

function scryptUnwrapper(passphrase: Buffer | string, maxLogN: number): Unwrapper {
  return async (stanza) => {
    if (stanza.type !== 'scrypt') return undefined;
    const [saltText, logNText] = stanza.args;
    const salt = stanza.args.length === 2 ? decodeRawBase64(saltText ?? '') : undefined;
    if (salt?.length !== SCRYPT_SALT_BYTES) throw headerError('malformed scrypt stanza salt');
    // Decimal without sign or leading zero: one spelling per work factor, as age requires.
    if (!/^[1-9][0-9]?$/.test(logNText ?? '')) throw headerError('malformed scrypt work factor');
    const logN = Number(logNText);
    if (logN > maxLogN) throw headerError(`scrypt work factor ${logN} exceeds the limit ${maxLogN}`);
    const body = checkedBody(stanza);
    return open(await scryptKey(passphrase, salt, logN), body);
  };
}

/** Validates identities up front so a bad key fails before any input is read. */
export function prepareIdentities(identities: readonly Identity[]): Unwrapper[] {
  if (identities.length === 0) throw new AppError('age.identity_invalid', { detail: 'no identities' });
  return identities.map((identity) => {
    if (identity.kind === 'x25519') return x25519Unwrapper(identity.identity);
    if (identity.kind === 'hybrid') return hybridUnwrapper(identity.identity);
    return scryptUnwrapper(identity.passphrase, identity.maxLogN ?? DEFAULT_MAX_SCRYPT_LOG_N);
  });
}

/**
 * Finds the file key. A header holding a scrypt stanza that a passphrase failed to open reports
 * age.wrong_passphrase, so the keyring can say "wrong School Key" rather than "not for you".
 */
export async function unwrapFileKey(
  stanzas: readonly Stanza[],
  identities: readonly Identity[],
  unwrappers: readonly Unwrapper[],
): Promise<Buffer> {
  const hasScrypt = stanzas.some((s) => s.type === 'scrypt');
  if (hasScrypt && stanzas.length !== 1) throw headerError('an scrypt stanza must be the only stanza');
  for (const unwrap of unwrappers) {
    for (const stanza of stanzas) {
      const fileKey = await unwrap(stanza);
      if (fileKey) return fileKey;
    }
  }
  if (hasScrypt && identities.some((i) => i.kind === 'scrypt')) {
    throw new AppError('age.wrong_passphrase', {});
  }
  throw new AppError('age.no_match', {});
}
