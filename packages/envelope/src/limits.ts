/**
 * The fixed layout of the sealed payload (SPEC §2.4) and the limits an opener enforces before it
 * trusts anything: a hostile archive must not make us buffer, loop or accept more than these.
 */
export const MANIFEST_FORMAT = 'cds-manifest/1';
export const HEADER_FORMAT = 'cds-header/1';
export const HEADER_JWS_TYPE = 'cds-header+jws';
export const MANIFEST_JWS_TYPE = 'cds-manifest+jws';

export const MANIFEST_PATH = 'manifest.json';
export const MANIFEST_JWS_PATH = 'manifest.jws';

/** Four digits in the entry names; far above any real message, far below what 0001–9999 can name. */
export const MAX_ATTACHMENTS = 1000;
/** A structural ceiling, not a product quota (the hub and nodes set quotas); tar-stream writes any size. */
export const MAX_ATTACHMENT_BYTES = 64 * 1024 ** 3;
/** 1000 entries of ≤ 255-byte names and media types with JSON escaping stay well under this. */
export const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;
/** A detached compact JWS: protected header, two dots and an Ed25519 signature. */
export const MAX_MANIFEST_JWS_BYTES = 4096;
export const MAX_DISPLAY_NAME_BYTES = 255;
export const MAX_MEDIA_TYPE_CHARS = 255;
/** A broadcast may reach every school in Hong Kong (about 1,100) and the agencies. */
export const MAX_RECIPIENTS = 5000;
export const MAX_DESCRIPTION_CHARS = 200;
export const MAX_SCHOOL_REFERENCE_CHARS = 100;
/** SPEC §2.3: a header sealed later than this ahead of the verifier's clock is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** 1-based, matching the manifest and what users see ("attachment 1"). */
export function attachmentPath(index: number): string {
  return `attachments/${String(index).padStart(4, '0')}`;
}
