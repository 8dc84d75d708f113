import { readFile } from 'node:fs/promises';
import type { GeneralJWS } from 'jose';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import { writeFileAtomic } from './atomic-file.js';

/**
 * keys/public.json: the public half of the keyring and the signed statements, readable without the
 * School Key (for `keys show`, the directory and registration). Derived data: rebuilt from the keyring
 * whenever it is unlocked, so a crash between the two writes heals itself.
 */
const generalJwsSchema = z.object({
  payload: z.string(),
  signatures: z.array(z.object({ protected: z.string(), signature: z.string() })).min(1),
});

export const publicKeysSchema = z.object({
  format: z.literal('cds-public-keys/1'),
  party: z.string(),
  keys: z.array(
    z.object({
      kid: z.string(),
      fingerprint: z.string(),
      x25519: z.string(),
      ed25519: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }),
      validFrom: z.number().int(),
      validTo: z.number().int(),
      previousKid: z.string().nullable(),
      recovery: z.boolean(),
      statement: generalJwsSchema,
    }),
  ),
});

export type PublicKeys = z.infer<typeof publicKeysSchema>;
export type PublicKeyRecord = PublicKeys['keys'][number];

export async function readPublicKeys(path: string): Promise<PublicKeys | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return publicKeysSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new AppError('key.keyring_corrupt', { detail: `${path} is not valid` }, { cause: error });
  }
}

export async function writePublicKeys(path: string, value: PublicKeys): Promise<void> {
  const text = `${JSON.stringify(publicKeysSchema.parse(value), null, 2)}\n`;
  await writeFileAtomic(path, Buffer.from(text, 'utf8'), 0o644, 'public_keys');
}

export function statementOf(record: PublicKeyRecord): GeneralJWS {
  return record.statement;
}
