/**
 * Names for what leaves the envelope: extracted files get generated names (the ordinal keeps them
 * unique and ordered, the sanitised display name keeps them recognisable), and downloads carry the
 * exact display name in an RFC 6266 / RFC 8187 header with an ASCII fallback for old clients.
 */
import { MAX_DISPLAY_NAME_BYTES } from './limits.js';

// Characters Windows, macOS or a shell treat specially, controls and bidi controls.
const UNSAFE_IN_FILE_NAMES = /[<>:"/\\|?*\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const LONE_SURROGATE = /\p{Cs}/gu;
const MAX_EXTENSION_BYTES = 16;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts whole code points (never half a surrogate pair) so the result fits in `maxBytes` of UTF-8. */
function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || utf8Length(name.slice(dot)) > MAX_EXTENSION_BYTES) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension: name.slice(dot) };
}

/**
 * The file name to extract attachment `index` (1-based) under: `0001-<display name>` with unsafe
 * characters replaced by `_`, trailing dots and spaces removed (Windows drops them), and the stem
 * shortened so the whole name fits 255 UTF-8 bytes while the extension survives.
 */
export function safeFileName(index: number, displayName: string): string {
  const prefix = `${String(index).padStart(4, '0')}-`;
  const cleaned = displayName
    .normalize('NFC')
    .replace(LONE_SURROGATE, '_')
    .replace(UNSAFE_IN_FILE_NAMES, '_')
    .replace(/[. ]+$/u, '');
  const { stem, extension } = splitExtension(cleaned);
  const room = MAX_DISPLAY_NAME_BYTES - utf8Length(prefix) - utf8Length(extension);
  let shortened = truncateUtf8(stem, room);
  if (extension === '') shortened = shortened.replace(/[. ]+$/u, '');
  return `${prefix}${shortened === '' ? 'attachment' : shortened}${extension}`;
}

// RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
function encodeExtValue(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (byte) => {
    const char = String.fromCharCode(byte);
    return /[A-Za-z0-9!#$&+\-.^_`|~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/**
 * Printable ASCII without the characters RFC 6266 §4.3 warns about in `filename` (`%` and `\`) and
 * the quote; accents are stripped first. A name left with nothing recognisable (a Chinese name) becomes
 * `attachment` plus its extension.
 */
export function asciiFallbackName(displayName: string): string {
  const ascii = displayName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["%\\]/gu, '_')
    .replace(/_+/g, '_');
  const { stem, extension } = splitExtension(ascii);
  const usable = /[A-Za-z0-9]/.test(stem) ? stem : 'attachment';
  return `${usable}${/^\.[A-Za-z0-9]+$/.test(extension) ? extension : ''}`;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): modern clients use the exact name. */
export function contentDisposition(
  displayName: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const name = displayName.normalize('NFC');
  return `${disposition}; filename="${asciiFallbackName(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
