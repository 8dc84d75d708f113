import { createHash } from 'node:crypto';

/**
 * A participant's message-key fingerprint: what a key holder reads out on the phone to confirm an
 * unchained key (SPEC §2.3). It covers both public keys, so neither can be swapped alone.
 * 128 bits shown as eight groups of four hex digits.
 */
export function messageKeyFingerprint(x25519Recipient: string, ed25519X: string): string {
  const digest = createHash('sha256')
    .update(`cds-message-key/1\n${x25519Recipient}\n${ed25519X}\n`)
    .digest('hex');
  return groups(digest.slice(0, 32));
}

/** Fingerprint of a single Ed25519 public key (transport and hub keys). */
export function ed25519Fingerprint(x: string): string {
  return groups(createHash('sha256').update(`cds-ed25519/1\n${x}\n`).digest('hex').slice(0, 32));
}

export function kidOf(fingerprint: string): string {
  return fingerprint.replaceAll('-', '').slice(0, 16).toLowerCase();
}

function groups(hex: string): string {
  return (hex.toUpperCase().match(/.{4}/g) ?? []).join('-');
}

/** Accepts fingerprints typed with spaces, colons or lowercase. */
export function normaliseFingerprint(input: string): string {
  return groups(input.replace(/[^0-9a-fA-F]/g, ''));
}
