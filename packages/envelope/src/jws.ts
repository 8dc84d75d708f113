/**
 * Compact JWS (EdDSA over Ed25519, via jose) for the routing header and the detached manifest
 * signature. Verification reports *why* it failed as data, so each caller can name its own check
 * (header vs. manifest) with its own error code.
 */
import { CompactSign, compactVerify, errors, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { AppError } from '@cds/domain';

export interface SigningKey {
  /** Key id of the sender's message key (16 hex digits), put in the protected header. */
  readonly kid: string;
  readonly privateJwk: JWK;
}

export type JwsVerdict =
  | { readonly ok: true; readonly payload: Uint8Array; readonly kid: string }
  | { readonly ok: false; readonly failure: 'format' | 'signature'; readonly detail: string };

const protectedHeaderSchema = z.strictObject({
  alg: z.literal('EdDSA'),
  kid: z.string().regex(/^[0-9a-f]{16}$/),
  typ: z.string(),
});

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * jose (like atob) ignores the spare low bits of the last character, so two spellings decode to the
 * same signature; requiring the canonical one makes every altered character of a JWS fail.
 */
function isCanonicalBase64url(text: string): boolean {
  return BASE64URL.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text;
}

function asEd25519(jwk: JWK, part: 'public' | 'private'): JWK {
  const ok = jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string';
  if (!ok || (part === 'private' && typeof jwk.d !== 'string')) {
    throw new AppError('validation.failed', { detail: `the ${part} key is not an Ed25519 JWK` });
  }
  return part === 'private'
    ? { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }
    : { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
}

export async function signCompact(payload: Uint8Array, signer: SigningKey, typ: string): Promise<string> {
  const key = await importJWK(asEd25519(signer.privateJwk, 'private'), 'EdDSA');
  return new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ }).sign(key);
}

/** RFC 7515 Appendix F: the payload part is left empty and travels separately (the manifest.json bytes). */
export async function signDetached(payload: Uint8Array, signer: SigningKey, typ: string): Promise<string> {
  const [head, , signature] = (await signCompact(payload, signer, typ)).split('.');
  return `${head ?? ''}..${signature ?? ''}`;
}

/** Parses the protected header and payload of a compact JWS without verifying anything. */
export function splitCompact(
  jws: string,
  typ: string,
): { readonly kid: string; readonly payload: Uint8Array } | { readonly detail: string } {
  const parts = jws.split('.');
  if (parts.length !== 3) return { detail: 'not a compact JWS (three dot-separated parts)' };
  const [head = '', body = '', signature = ''] = parts;
  for (const [name, part] of [
    ['protected header', head],
    ['payload', body],
    ['signature', signature],
  ] as const) {
    if (part !== '' && !isCanonicalBase64url(part)) return { detail: `the ${name} is not base64url` };
  }
  if (head === '' || signature === '') return { detail: 'a part of the JWS is empty' };
  let header: z.infer<typeof protectedHeaderSchema>;
  try {
    header = protectedHeaderSchema.parse(JSON.parse(Buffer.from(head, 'base64url').toString('utf8')));
  } catch {
    return { detail: 'the protected header is not {alg: EdDSA, kid, typ}' };
  }
  if (header.typ !== typ) return { detail: `the JWS type is ${header.typ}, expected ${typ}` };
  return { kid: header.kid, payload: Buffer.from(body, 'base64url') };
}

/**
 * Verifies a compact JWS (or a detached one when `detachedPayload` is given) with one public key.
 * A malformed key is the caller's mistake and throws; a bad JWS is a verdict.
 */
export async function verifyCompact(
  jws: string,
  publicJwk: JWK,
  typ: string,
  detachedPayload?: Uint8Array,
): Promise<JwsVerdict> {
  const key = await importJWK(asEd25519(publicJwk, 'public'), 'EdDSA');
  const split = splitCompact(jws, typ);
  if ('detail' in split) return { ok: false, failure: 'format', detail: split.detail };
  const [head, body, signature] = jws.split('.');
  if (detachedPayload !== undefined && body !== '') {
    return { ok: false, failure: 'format', detail: 'the payload is not detached' };
  }
  if (detachedPayload === undefined && body === '') {
    return { ok: false, failure: 'format', detail: 'the payload is empty' };
  }
  const attached = detachedPayload ? Buffer.from(detachedPayload).toString('base64url') : body;
  try {
    const { payload } = await compactVerify(`${head}.${attached}.${signature}`, key, {
      algorithms: ['EdDSA'],
    });
    return { ok: true, payload, kid: split.kid };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return { ok: false, failure: 'signature', detail: 'the signature does not match the key' };
    }
    return { ok: false, failure: 'format', detail: (error as Error).message };
  }
}
