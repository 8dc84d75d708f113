/** @cds/transport: RFC 9421 request signatures with the transport key (SPEC §4), node and hub side. */
export {
  checkBodyDigest,
  contentDigestFromHex,
  contentDigestOf,
  digestFile,
  digestReadable,
  DigestingPassThrough,
  EMPTY_BODY_DIGEST,
  sha256HexOfContentDigest,
  type BodyDigest,
} from './content-digest.js';
export type { NonceStore } from './nonce-store.js';
export type { HeaderBag } from './parse-signature.js';
export { requestUrl, type IncomingRequestLike } from './request-url.js';
export { signRequest, type SignatureHeaders, type SignRequestInput } from './sign-request.js';
export {
  COVERED_COMPONENTS,
  MAX_CLOCK_SKEW_SECONDS,
  SIGNATURE_ALG,
  SIGNATURE_LABEL,
  SIGNATURE_VALIDITY_SECONDS,
  type TransportKey,
  type TransportPublicJwk,
} from './signature-profile.js';
export {
  verifyFastifyRequest,
  type FastifyRequestLike,
  type TransportVerifierDeps,
} from './verify-fastify-request.js';
export {
  verifyRequest,
  type LookupTransportKey,
  type TransportKeyRecord,
  type VerifiedRequest,
  type VerifyRequestInput,
} from './verify-request.js';
