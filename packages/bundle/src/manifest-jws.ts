/**
 * manifest.jws: a detached compact JWS (RFC 7515 Appendix F, EdDSA) over the exact bytes of
 * manifest.json. A node signs its export with its transport key and the hub its export-for with
 * the hub key (SPEC §2.2), so neither needs a School Key and the reader knows whom to believe.
 */
import { CompactSign, compactVerify, errors, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import { signerKidSchema } from '@cds/contracts';
import { BUNDLE_JWS_TYPE, MAX_MANIFEST_JWS_BYTES } from './limits.js';

export interface BundleSigner {
  readonly kid: string;
  /** Ed25519 private JWK (kty, crv, x, d). */
  readonly privateJwk: JWK;
}

const protectedHeaderSchema = z.strictObject({
  alg: z.literal('EdDSA'),
  kid: signerKidSchema,
  typ: z.literal(BUNDLE_JWS_TYPE),
});

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function invalid(detail: string): AppError {
  return new AppError('bundle.signature_invalid', { detail });
}

/** jose ignores spare low bits of the last character; only the canonical spelling is accepted. */
function canonical(part: string): boolean {
  return BASE64URL.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part;
}

export async function signManifest(manifestBytes: Uint8Array, signer: BundleSigner): Promise<string> {
  const { kty, crv, x, d } = signer.privateJwk;
  const key = await importJWK({ kty, crv, x, d }, 'EdDSA');
  const jws = await new CompactSign(manifestBytes)
    .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: BUNDLE_JWS_TYPE })
    .sign(key);
  const [head, , signature] = jws.split('.');
  return `${head ?? ''}..${signature ?? ''}`;
}

/** The signer's key id, read without verifying: it only says which key to verify with. */
export function manifestSignerKid(jws: string): string {
  if (jws.length > MAX_MANIFEST_JWS_BYTES) throw invalid('manifest.jws is too large');
  const parts = jws.split('.');
  const [head = '', body = 'x', signature = ''] = parts;
  if (parts.length !== 3 || body !== '' || !canonical(head) || !canonical(signature)) {
    throw invalid('manifest.jws is not a detached compact JWS');
  }
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
  } catch {
    throw invalid('the protected header is not JSON');
  }
  const parsed = protectedHeaderSchema.safeParse(header);
  if (!parsed.success)
    throw invalid(`the protected header is not {alg: EdDSA, kid, typ: ${BUNDLE_JWS_TYPE}}`);
  return parsed.data.kid;
}

/** Verifies manifest.jws over `manifestBytes` with the public key the caller chose for its kid. */
export async function verifyManifest(
  manifestBytes: Uint8Array,
  jws: string,
  publicKey: { readonly x: string },
): Promise<void> {
  manifestSignerKid(jws);
  const [head, , signature] = jws.split('.');
  const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: publicKey.x }, 'EdDSA');
  const attached = `${head ?? ''}.${Buffer.from(manifestBytes).toString('base64url')}.${signature ?? ''}`;
  try {
    await compactVerify(attached, key, { algorithms: ['EdDSA'] });
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      throw invalid('manifest.jws does not verify over manifest.json with the signer’s key');
    }
    throw invalid((error as Error).message);
  }
}
