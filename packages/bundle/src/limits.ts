/**
 * The layout of an offline bundle (SPEC §5) and the limits a reader enforces before it trusts any
 * of it. A bundle arrives on a USB stick or by e-mail from whoever held it last, so every number a
 * zip file states about itself is checked against these before a byte is inflated.
 */
export const BUNDLE_FORMAT = 'cds-bundle/1';
/** The `typ` of manifest.jws, a detached JWS over the exact bytes of manifest.json. */
export const BUNDLE_JWS_TYPE = 'cds-bundle+jws';

export const MANIFEST_ENTRY = 'manifest.json';
export const MANIFEST_JWS_ENTRY = 'manifest.jws';
export const HEADER_FILE = 'header.jws';
export const PAYLOAD_FILE = 'payload.age';

/** What names the hub's manifest uses for itself as exporter or destination. */
export const HUB_PARTY = 'hub';

/** A school's failed messages or a school's waiting deliveries; far above either in practice. */
export const MAX_BUNDLE_MESSAGES = 5000;
/** manifest.json, manifest.jws and two entries per message. */
export const MAX_BUNDLE_ENTRIES = 2 + 2 * MAX_BUNDLE_MESSAGES;
/** 5000 lines of about 250 bytes each, with room to spare. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const MAX_MANIFEST_JWS_BYTES = 4096;
/** The hub refuses a routing header above this (MAX_ROUTING_HEADER_CHARS). */
export const MAX_HEADER_BYTES = 512 * 1024;
/** A structural ceiling per payload; the hub's own relay limit still applies at ingest. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 ** 3;
/** Everything the bundle may unpack to, all entries together. */
export const MAX_BUNDLE_BYTES = 64 * 1024 ** 3;
/** Entry names are ASCII and short: `<uuid>/payload.age` is 48 characters. */
export const MAX_ENTRY_NAME_BYTES = 128;
/**
 * age payloads do not compress and JSON barely does (under 5:1); an entry inflating more than this
 * is a bomb. Tiny entries are exempt: a few hundred zero bytes compress far better, harmlessly.
 */
export const MAX_COMPRESSION_RATIO = 100;
export const COMPRESSION_RATIO_FLOOR_BYTES = 64 * 1024;

export function headerEntry(id: string): string {
  return `${id}/${HEADER_FILE}`;
}

export function payloadEntry(id: string): string {
  return `${id}/${PAYLOAD_FILE}`;
}
