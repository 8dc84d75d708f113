import { verify } from 'node:crypto';
import { AppError } from '@cds/domain';
import { sha256HexOfContentDigest } from './content-digest.js';
import type { NonceStore } from './nonce-store.js';
import {
  headerValue,
  parseTransportSignature,
  type HeaderBag,
  type ParsedSignature,
} from './parse-signature.js';
import { signatureBase } from './signature-base.js';
import { serializeItem } from './structured-fields-serialize.js';
import {
  COVERED_COMPONENTS,
  MAX_CLOCK_SKEW_SECONDS,
  publicKeyOf,
  SIGNATURE_ALG,
  SIGNATURE_VALIDITY_SECONDS,
  type TransportPublicJwk,
} from './signature-profile.js';

const ED25519_SIGNATURE_BYTES = 64;

export interface TransportKeyRecord {
  readonly publicJwk: TransportPublicJwk;
  /** The participant code the key belongs to (SCRN or agency). */
  readonly party: string;
}

export type LookupTransportKey = (keyid: string) => Promise<TransportKeyRecord | null>;

export interface VerifyRequestInput {
  readonly method: string;
  /** Absolute URL as the client addressed it; for Fastify use requestUrl(request). */
  readonly url: string;
  readonly headers: HeaderBag;
  /** The hub's clock, epoch milliseconds. */
  readonly now: number;
  readonly lookupKey: LookupTransportKey;
  readonly nonces: NonceStore;
  readonly maxSkewSeconds?: number;
}

export interface VerifiedRequest {
  readonly party: string;
  readonly keyid: string;
  /** The signed Content-Digest value; the body is checked against it with checkBodyDigest. */
  readonly contentDigest: string;
  readonly sha256Hex: string;
  /** Epoch milliseconds of the signature's `created`. */
  readonly created: number;
}

/**
 * Checks are ordered cheapest first and so that nothing is written before the signature verifies:
 * a stranger can make the hub parse, but never fill the nonce table.
 */
export async function verifyRequest(input: VerifyRequestInput): Promise<VerifiedRequest> {
  const parsed = parseTransportSignature(input.headers);
  if (parsed.alg !== SIGNATURE_ALG) {
    throw new AppError('transport.unsupported_algorithm', { alg: parsed.alg });
  }
  if (parsed.signature.length !== ED25519_SIGNATURE_BYTES) {
    throw new AppError('transport.signature_invalid', { detail: 'an Ed25519 signature is 64 bytes' });
  }
  checkComponents(parsed);
  checkTimes(parsed, input.now, input.maxSkewSeconds ?? MAX_CLOCK_SKEW_SECONDS);

  const key = await input.lookupKey(parsed.keyid);
  if (key === null) throw new AppError('transport.unknown_key', { keyid: parsed.keyid });

  const contentDigest = headerValue(input.headers, 'content-digest') ?? '';
  const sha256Hex = sha256HexOfContentDigest(contentDigest);
  const base = signatureBase(
    { method: input.method, url: new URL(input.url).href, headers: input.headers },
    parsed.components.map(serializeItem),
    parsed.signatureParams,
  );
  if (!verify(null, Buffer.from(base), publicKeyOf(key.publicJwk), parsed.signature)) {
    throw new AppError('transport.bad_signature', { keyid: parsed.keyid });
  }

  if (!(await input.nonces.remember(parsed.keyid, parsed.nonce, parsed.expires * 1000))) {
    throw new AppError('transport.replayed', { keyid: parsed.keyid, nonce: parsed.nonce });
  }
  return {
    party: key.party,
    keyid: parsed.keyid,
    contentDigest,
    sha256Hex,
    created: parsed.created * 1000,
  };
}

function checkComponents(parsed: ParsedSignature): void {
  const expected = COVERED_COMPONENTS.map((name) => `"${name}"`);
  const actual = parsed.components.map(serializeItem);
  const same = actual.length === expected.length && expected.every((name) => actual.includes(name));
  if (!same) {
    throw new AppError('transport.signature_components', {
      required: expected.join(' '),
      actual: actual.join(' ') || '(none)',
    });
  }
}

function checkTimes(parsed: ParsedSignature, now: number, maxSkewSeconds: number): void {
  const lifetime = parsed.expires - parsed.created;
  if (lifetime <= 0 || lifetime > SIGNATURE_VALIDITY_SECONDS) {
    throw new AppError('transport.signature_invalid', {
      detail: `expires must be 1–${SIGNATURE_VALIDITY_SECONDS} s after created`,
    });
  }
  const clocks = {
    hubTime: new Date(now).toISOString(),
    requestCreated: new Date(parsed.created * 1000).toISOString(),
  };
  if (now > parsed.expires * 1000) {
    throw new AppError('transport.stale_signature', {
      ...clocks,
      requestExpires: new Date(parsed.expires * 1000).toISOString(),
    });
  }
  if (parsed.created * 1000 - now > maxSkewSeconds * 1000) {
    throw new AppError('transport.clock_skew', {
      ...clocks,
      maxSkewSeconds,
      skewSeconds: Math.round((parsed.created * 1000 - now) / 1000),
    });
  }
}
