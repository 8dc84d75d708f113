import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import { DEFAULT_SCRYPT_LOG_N, decryptBuffer, encryptBuffer } from '@cds/crypto';
import { writeFileAtomic } from './atomic-file.js';

/** The keyring plaintext, exactly SPEC §2.1. Private keys exist only inside the age file. */
export const keyringSchema = z.object({
  format: z.literal('cds-keyring/1'),
  party: z.string(),
  keys: z
    .array(
      z.object({
        kid: z.string(),
        validFrom: z.number().int(),
        validTo: z.number().int(),
        x25519: z.string().startsWith('AGE-SECRET-KEY-1'),
        ed25519: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), d: z.string() }),
      }),
    )
    .min(1),
});

export type Keyring = z.infer<typeof keyringSchema>;
export type KeyringEntry = Keyring['keys'][number];

export function ed25519PrivateJwk(entry: KeyringEntry): JWK {
  return { ...entry.ed25519 };
}

/** The newest key pair signs and receives; older ones stay to open what was sealed to them. */
export function currentKey(keyring: Keyring): KeyringEntry {
  return keyring.keys.reduce((newest, key) => (key.validFrom > newest.validFrom ? key : newest));
}

export async function readKeyringFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AppError('key.keyring_missing', { file: path });
    throw error;
  }
}

/** Opens the keyring with the School Key: a wrong key is key.wrong_school_key, anything else is damage. */
export async function openKeyring(sealed: Uint8Array, schoolKey: Buffer): Promise<Keyring> {
  let plain: Buffer;
  try {
    // Never more work than we ourselves write: a tampered keyring must not demand 4 GiB of scrypt memory.
    plain = await decryptBuffer(
      [{ kind: 'scrypt', passphrase: schoolKey, maxLogN: DEFAULT_SCRYPT_LOG_N }],
      sealed,
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'age.wrong_passphrase')
      throw new AppError('key.wrong_school_key');
    const detail = error instanceof AppError ? error.code : (error as Error).message;
    throw new AppError('key.keyring_corrupt', { detail }, { cause: error });
  }
  try {
    return keyringSchema.parse(JSON.parse(plain.toString('utf8')));
  } catch (error) {
    throw new AppError('key.keyring_corrupt', { detail: 'not a cds-keyring/1 document' }, { cause: error });
  } finally {
    plain.fill(0);
  }
}

export async function sealKeyring(keyring: Keyring, schoolKey: Buffer, logN: number): Promise<Buffer> {
  const plain = Buffer.from(JSON.stringify(keyringSchema.parse(keyring)), 'utf8');
  try {
    return await encryptBuffer([{ kind: 'scrypt', passphrase: schoolKey, logN }], plain);
  } finally {
    plain.fill(0);
  }
}

export async function writeKeyringFile(path: string, sealed: Uint8Array): Promise<void> {
  await writeFileAtomic(path, sealed, 0o600, 'keyring');
}
