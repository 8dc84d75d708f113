/**
 * age accepts exactly one spelling of every byte string: Node's decoder silently skips bad characters,
 * padding and non-zero trailing bits, so every decode is checked by re-encoding. Without that, a
 * flipped header bit could decode to the same bytes while changing what the header MAC covers.
 */
const RAW_ALPHABET = /^[A-Za-z0-9+/]*$/;
const PADDED_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

export function encodeRawBase64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64').replace(/=+$/, '');
}

/** Unpadded canonical base64 (stanza arguments and bodies, the header MAC); undefined if not canonical. */
export function decodeRawBase64(text: string): Buffer | undefined {
  if (!RAW_ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return encodeRawBase64(bytes) === text ? bytes : undefined;
}

/** Padded canonical base64 (ASCII armor lines); undefined if not canonical. */
export function decodePaddedBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !PADDED_ALPHABET.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
