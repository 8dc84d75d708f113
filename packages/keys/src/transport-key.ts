import { readFile } from 'node:fs/promises';
import { CompactSign, compactVerify, importJWK } from 'jose';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import { writeFileAtomic } from './atomic-file.js';
import { ed25519Fingerprint, kidOf } from './fingerprint.js';
import { generateEd25519 } from './key-material.js';

/**
 * The transport key signs every request to the hub and the node's receipts (SPEC §2.2). It has no
 * passphrase so unattended cycles work, which is why it lives apart from the keyring, mode 0600.
 */
export const transportKeySchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  d: z.string(),
  kid: z.string(),
  createdAt: z.number().int(),
});

export type TransportKey = z.infer<typeof transportKeySchema>;

export function newTransportKey(now: number): TransportKey {
  const { privateJwk } = generateEd25519();
  return { ...privateJwk, kid: `t-${kidOf(ed25519Fingerprint(privateJwk.x))}`, createdAt: now };
}

export function transportPublic(key: TransportKey): {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  fingerprint: string;
} {
  return { kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid, fingerprint: ed25519Fingerprint(key.x) };
}

export async function readTransportKey(path: string): Promise<TransportKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AppError('key.keyring_missing', { file: path });
    throw error;
  }
  try {
    return transportKeySchema.parse(JSON.parse(text));
  } catch (error) {
    throw new AppError('key.keyring_corrupt', { detail: `${path} is not a transport key` }, { cause: error });
  }
}

export async function writeTransportKey(path: string, key: TransportKey): Promise<void> {
  await writeFileAtomic(
    path,
    Buffer.from(`${JSON.stringify(transportKeySchema.parse(key), null, 2)}\n`),
    0o600,
    'transport_key',
  );
}

/** A rotation is announced by the old key vouching for the new one (SPEC §2.2). */
export async function signTransportRotation(
  previous: TransportKey,
  next: TransportKey,
  now: number,
): Promise<string> {
  const payload = {
    format: 'cds-transport-rotation/1',
    previousKid: previous.kid,
    next: transportPublic(next),
    issuedAt: now,
  };
  const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: previous.x, d: previous.d }, 'EdDSA');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', kid: previous.kid })
    .sign(key);
}

export const transportRotationSchema = z.object({
  format: z.literal('cds-transport-rotation/1'),
  previousKid: z.string(),
  next: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string() }),
  issuedAt: z.number().int(),
});
export type TransportRotation = z.infer<typeof transportRotationSchema>;

/** What a rotation claims, unverified: which key vouches for which (to find the key that must verify it). */
export function decodeTransportRotation(jws: string): TransportRotation {
  try {
    const payload = jws.split('.')[1] ?? '';
    return transportRotationSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch (error) {
    throw new AppError('key.statement_invalid', { detail: 'not a transport key rotation' }, { cause: error });
  }
}

/** A rotation is good only if the previous transport key signed it (SPEC §2.2). */
export async function verifyTransportRotation(
  jws: string,
  previous: { kid: string; x: string },
): Promise<TransportRotation> {
  const claimed = decodeTransportRotation(jws);
  if (claimed.previousKid !== previous.kid) {
    throw new AppError('key.statement_invalid', { detail: `rotation does not follow ${previous.kid}` });
  }
  try {
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: previous.x }, 'EdDSA');
    const { payload, protectedHeader } = await compactVerify(jws, key);
    if (protectedHeader.alg !== 'EdDSA') throw new Error('alg');
    return transportRotationSchema.parse(JSON.parse(new TextDecoder().decode(payload)));
  } catch (error) {
    throw new AppError(
      'key.statement_invalid',
      { detail: `rotation not signed by ${previous.kid}` },
      { cause: error },
    );
  }
}
