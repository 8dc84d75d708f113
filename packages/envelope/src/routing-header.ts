/**
 * Signing and checking the routing header JWS. The hub and `inspect` decode it unverified to learn
 * who sent it (and so which key to fetch); everyone who acts on it verifies it with that key.
 */
import type { JWK } from 'jose';
import { AppError } from '@cds/domain';
import { signCompact, splitCompact, verifyCompact, type SigningKey } from './jws.js';
import {
  describeIssues,
  routingHeaderSchema,
  type RoutingHeader,
  type RoutingHeaderFields,
} from './header-schema.js';
import { HEADER_FORMAT, HEADER_JWS_TYPE, MAX_CLOCK_SKEW_MS } from './limits.js';

/** A header JWS is a few KiB even for a broadcast to every school; refuse to parse anything huge. */
const MAX_HEADER_JWS_CHARS = 512 * 1024;

export interface DecodedHeader {
  /** The `kid` of the protected header; always equal to fields.senderKid. */
  readonly kid: string;
  readonly fields: RoutingHeader;
}

export interface VerifyHeaderOptions {
  /** The verifier's clock (epoch ms); when given, a sealedAt more than 5 minutes ahead is refused. */
  readonly now?: number;
}

function invalid(detail: string): AppError {
  return new AppError('envelope.header_invalid', { detail });
}

function parseFields(payload: Uint8Array, kid: string): RoutingHeader {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw invalid('the payload is not JSON');
  }
  const parsed = routingHeaderSchema.safeParse(json);
  if (!parsed.success) throw invalid(describeIssues(parsed.error));
  if (parsed.data.senderKid !== kid) throw invalid('the JWS kid differs from senderKid');
  return parsed.data;
}

/** Signs the header with the sender's message key; throws envelope.header_invalid for bad fields. */
export async function signHeader(fields: RoutingHeaderFields, signingKey: SigningKey): Promise<string> {
  const parsed = routingHeaderSchema.safeParse({ format: HEADER_FORMAT, ...fields });
  if (!parsed.success) throw invalid(describeIssues(parsed.error));
  if (parsed.data.senderKid !== signingKey.kid) throw invalid('senderKid is not the signing key');
  const payload = new TextEncoder().encode(JSON.stringify(parsed.data));
  return signCompact(payload, signingKey, HEADER_JWS_TYPE);
}

/** Parses without verifying: for routing and display only, never for trusting the contents. */
export function decodeHeader(jws: string): DecodedHeader {
  if (jws.length > MAX_HEADER_JWS_CHARS) throw invalid('the header is too large');
  const split = splitCompact(jws, HEADER_JWS_TYPE);
  if ('detail' in split) throw invalid(split.detail);
  return { kid: split.kid, fields: parseFields(split.payload, split.kid) };
}

/**
 * Verifies the signature with the sender's public message key (found via decodeHeader's `from` and
 * `kid`), then the fields. Throws envelope.header_signature_invalid when the signature does not
 * verify, envelope.header_invalid when the JWS or its fields are malformed, envelope.clock_skew.
 */
export async function verifyHeader(
  jws: string,
  senderPublicJwk: JWK,
  options: VerifyHeaderOptions = {},
): Promise<RoutingHeader> {
  if (jws.length > MAX_HEADER_JWS_CHARS) throw invalid('the header is too large');
  const verdict = await verifyCompact(jws, senderPublicJwk, HEADER_JWS_TYPE);
  if (!verdict.ok) {
    throw verdict.failure === 'signature'
      ? new AppError('envelope.header_signature_invalid', { detail: verdict.detail })
      : invalid(verdict.detail);
  }
  const fields = parseFields(verdict.payload, verdict.kid);
  if (options.now !== undefined && fields.sealedAt > options.now + MAX_CLOCK_SKEW_MS) {
    throw new AppError('envelope.clock_skew', { sealedAt: new Date(fields.sealedAt).toISOString() });
  }
  return fields;
}

/** The payload digest a verified header promises, in the shape openPayload expects. */
export function payloadDigestOf(header: RoutingHeader): { size: number; sha256: string } {
  return { size: header.payloadSize, sha256: header.payloadSha256 };
}
