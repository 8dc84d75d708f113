/**
 * One entry point for key text whose type is not known in advance (a CLI flag, a key file line): the
 * prefix picks the recipient type, and the matching parser validates it with its own clear error.
 */
import type { Identity, Recipient } from './age-recipients.js';
import {
  isHybridIdentityText,
  isHybridRecipientText,
  parseHybridIdentity,
  parseHybridRecipient,
} from './hybrid-keys.js';
import { parseX25519Identity, parseX25519Recipient } from './x25519-keys.js';

/** "age1pq1…" → hybrid, anything else must be an X25519 "age1…"; throws age.recipient_invalid. */
export function parseAgeRecipient(text: string): Recipient {
  if (isHybridRecipientText(text)) {
    parseHybridRecipient(text);
    return { kind: 'hybrid', recipient: text };
  }
  parseX25519Recipient(text);
  return { kind: 'x25519', recipient: text };
}

/** "AGE-SECRET-KEY-PQ-1…" → hybrid, else X25519 "AGE-SECRET-KEY-1…"; throws age.identity_invalid. */
export function parseAgeIdentity(text: string): Identity {
  if (isHybridIdentityText(text)) {
    parseHybridIdentity(text);
    return { kind: 'hybrid', identity: text };
  }
  parseX25519Identity(text);
  return { kind: 'x25519', identity: text };
}
