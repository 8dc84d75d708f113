/**
 * @cds/envelope: the sealed envelope of SPEC §2.4 — a signed routing header (compact JWS) and an age
 * payload holding a tar of the attachments with a signed manifest, sealed and opened in one streaming
 * pass each, every check on opening named by its own error code.
 */
export {
  HEADER_FORMAT,
  MANIFEST_FORMAT,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_DESCRIPTION_CHARS,
  MAX_DISPLAY_NAME_BYTES,
  attachmentPath,
} from './limits.js';
export type { SigningKey } from './jws.js';
export { routingHeaderSchema, type RoutingHeader, type RoutingHeaderFields } from './header-schema.js';
export {
  decodeHeader,
  payloadDigestOf,
  signHeader,
  verifyHeader,
  type DecodedHeader,
  type VerifyHeaderOptions,
} from './routing-header.js';
export { manifestSchema, type Manifest, type ManifestEntry } from './manifest.js';
export {
  checkDisplayNames,
  displayNameViolation,
  foldDisplayName,
  normaliseDisplayName,
  quoteDisplayName,
  type DisplayNameRule,
} from './display-names.js';
export { asciiFallbackName, contentDisposition, safeFileName } from './file-names.js';
export type { PayloadDigest } from './digest.js';
export {
  sealPayload,
  type AttachmentSource,
  type SealPayloadInput,
  type SealedPayload,
} from './seal-payload.js';
export type { ArchivedAttachment, AttachmentSink } from './read-archive.js';
export {
  openPayload,
  type OpenExpectations,
  type OpenPayloadInput,
  type OpenedPayload,
  type VerifiedAttachment,
} from './open-payload.js';
