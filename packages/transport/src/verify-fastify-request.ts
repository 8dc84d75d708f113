import { checkBodyDigest, EMPTY_BODY_DIGEST, sha256HexOfContentDigest } from './content-digest.js';
import type { NonceStore } from './nonce-store.js';
import { headerValue } from './parse-signature.js';
import { requestUrl, type IncomingRequestLike } from './request-url.js';
import { verifyRequest, type LookupTransportKey, type VerifiedRequest } from './verify-request.js';

export interface TransportVerifierDeps {
  readonly lookupKey: LookupTransportKey;
  readonly nonces: NonceStore;
  /** The hub's clock, epoch milliseconds (the platform clock, so CDS_TEST_NOW applies). */
  readonly now: () => number;
  readonly maxSkewSeconds?: number;
}

export interface FastifyRequestLike extends IncomingRequestLike {
  readonly method: string;
}

const EMPTY_SHA256_HEX = sha256HexOfContentDigest(EMPTY_BODY_DIGEST);

/**
 * For a hub route's onRequest or preHandler hook; takes a FastifyRequest but needs nothing of Fastify.
 * A bodiless request is settled here (its digest must be that of zero bytes). A request with a body
 * is not: the route streams the body to a temporary blob and then calls
 * checkBodyDigest(verified.contentDigest, blobSha256Hex) before it commits anything. Calling this
 * from onRequest refuses an unsigned upload before a byte of its body is read.
 */
export async function verifyFastifyRequest(
  request: FastifyRequestLike,
  deps: TransportVerifierDeps,
): Promise<VerifiedRequest> {
  const verified = await verifyRequest({
    method: request.method,
    url: requestUrl(request),
    headers: request.headers,
    now: deps.now(),
    lookupKey: deps.lookupKey,
    nonces: deps.nonces,
    ...(deps.maxSkewSeconds === undefined ? {} : { maxSkewSeconds: deps.maxSkewSeconds }),
  });
  if (!hasBody(request)) checkBodyDigest(verified.contentDigest, EMPTY_SHA256_HEX);
  return verified;
}

function hasBody(request: FastifyRequestLike): boolean {
  const length = headerValue(request.headers, 'content-length');
  return (
    headerValue(request.headers, 'transfer-encoding') !== undefined ||
    (length !== undefined && length !== '0')
  );
}
