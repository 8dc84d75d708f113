import { GeneralSign, generalVerify, importJWK, type GeneralJWS, type JWK } from 'jose';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import { messageKeyFingerprint } from './fingerprint.js';

/**
 * A key statement is what a participant publishes about its message key (SPEC §2.1, §2.3): signed
 * by the key itself, and on a rollover also by the previous key, so other nodes can follow the chain
 * without trusting the hub. General JWS serialization carries both signatures.
 */
export const keyStatementSchema = z.object({
  format: z.literal('cds-key-statement/1'),
  party: z.string(),
  kid: z.string().regex(/^[0-9a-f]{16}$/),
  fingerprint: z.string(),
  x25519: z.string().startsWith('age1'),
  ed25519: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }),
  validFrom: z.number().int(),
  validTo: z.number().int(),
  issuedAt: z.number().int(),
  previousKid: z.string().nullable(),
  recovery: z.boolean(),
});

export type KeyStatement = z.infer<typeof keyStatementSchema>;

export interface SigningKey {
  readonly kid: string;
  readonly privateJwk: JWK;
}

export async function signKeyStatement(
  statement: KeyStatement,
  signers: readonly SigningKey[],
): Promise<GeneralJWS> {
  const payload = new TextEncoder().encode(JSON.stringify(keyStatementSchema.parse(statement)));
  const sign = new GeneralSign(payload);
  for (const signer of signers) {
    sign
      .addSignature(await importJWK(signer.privateJwk, 'EdDSA'))
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid });
  }
  return sign.sign();
}

function signatureKids(jws: GeneralJWS): string[] {
  return jws.signatures.map((signature) => {
    const header = JSON.parse(Buffer.from(signature.protected ?? '', 'base64url').toString('utf8')) as {
      kid?: string;
    };
    return header.kid ?? '';
  });
}

async function verifiedBy(jws: GeneralJWS, kid: string, jwk: JWK): Promise<boolean> {
  const index = signatureKids(jws).indexOf(kid);
  const signature = jws.signatures[index];
  if (!signature) return false;
  try {
    await generalVerify(
      { payload: jws.payload, signatures: [signature] },
      await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA'),
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks the self-signature and the fingerprint; with `previous`, also that the previous key signed it
 * (a chained rollover). Returns the statement; throws key.statement_invalid naming the failed check.
 */
export async function verifyKeyStatement(
  jws: GeneralJWS,
  previous?: { kid: string; ed25519: JWK },
): Promise<KeyStatement> {
  let statement: KeyStatement;
  try {
    statement = keyStatementSchema.parse(JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('key.statement_invalid', { detail: 'payload is not a key statement' });
  }
  if (statement.fingerprint !== messageKeyFingerprint(statement.x25519, statement.ed25519.x)) {
    throw new AppError('key.statement_invalid', { detail: 'fingerprint does not match the keys' });
  }
  if (!(await verifiedBy(jws, statement.kid, statement.ed25519))) {
    throw new AppError('key.statement_invalid', { detail: 'not signed by its own key' });
  }
  if (previous) {
    if (statement.previousKid !== previous.kid) {
      throw new AppError('key.statement_invalid', { detail: `does not follow key ${previous.kid}` });
    }
    if (!(await verifiedBy(jws, previous.kid, previous.ed25519))) {
      throw new AppError('key.statement_invalid', {
        detail: `not signed by the previous key ${previous.kid}`,
      });
    }
  }
  return statement;
}
