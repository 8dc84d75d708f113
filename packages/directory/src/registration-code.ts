import { createHash, randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so codes read out on the phone cannot be misheard as others. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REGISTRATION_CODE_CHARS = 20;
export const REGISTRATION_CODE_VALIDITY_MS = 14 * 24 * 60 * 60 * 1000;
export const REGISTRATION_CODE_MAX_FAILURES = 5;

/** 20 characters (100 bits), printed XXXXX-XXXXX-XXXXX-XXXXX (SPEC §4). */
export function newRegistrationCode(): string {
  const bytes = randomBytes(REGISTRATION_CODE_CHARS);
  const chars = [...bytes].map((byte) => ALPHABET[byte % 32]).join('');
  return formatRegistrationCode(chars);
}

export function formatRegistrationCode(chars: string): string {
  return (chars.match(/.{5}/g) ?? []).join('-');
}

/** Accepts what people type: lowercase, spaces, missing hyphens, and the Crockford look-alikes. */
export function normaliseRegistrationCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (chars.length !== REGISTRATION_CODE_CHARS || [...chars].some((char) => !ALPHABET.includes(char)))
    return null;
  return chars;
}

/** Codes are stored hashed; 100 random bits make a plain SHA-256 safe against guessing. */
export function hashRegistrationCode(normalised: string): string {
  return createHash('sha256').update(`cds-registration-code/1\n${normalised}`).digest('hex');
}
