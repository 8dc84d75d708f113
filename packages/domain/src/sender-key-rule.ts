/**
 * Which published message key may sign a routing header the hub accepts (SPEC §2.3). Pure, so the
 * rule is tested as a table and the hub, an export ingest and a node's own checks can share it.
 */
import { AppError } from './errors.js';
import type { ErrorReason } from './error-reasons.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A sealedAt later than this ahead of the hub's clock is a wrong clock, not a message. */
export const SEALED_AT_MAX_SKEW_MS = 5 * MINUTE_MS;
/** A resend or an export sealed while the key was valid is still accepted this long after expiry. */
export const EXPIRED_KEY_GRACE_MS = 30 * DAY_MS;
/** A superseded key may still have sealed shortly after the change: the two clocks differ a little. */
export const SUPERSEDED_KEY_GRACE_MS = 5 * MINUTE_MS;

export interface SenderKeyWindow {
  readonly kid: string;
  readonly validFrom: number;
  readonly validTo: number;
  /** The hub's time of publication: a later key's publishedAt is when this one was superseded. */
  readonly publishedAt: number;
}

export interface SenderKeyCheck {
  readonly party: string;
  readonly kid: string;
  readonly sealedAt: number;
  /** The hub's receipt time. */
  readonly now: number;
  /** Every key the party has published, in any order. */
  readonly keys: readonly SenderKeyWindow[];
}

const iso = (at: number): string => new Date(at).toISOString();

/** Returns the signing key's window, or throws the code that names the broken rule. */
export function checkSenderKey(check: SenderKeyCheck): SenderKeyWindow {
  const { party, kid, sealedAt, now } = check;
  if (sealedAt > now + SEALED_AT_MAX_SKEW_MS) {
    throw new AppError('envelope.clock_skew', { sealedAt: iso(sealedAt) });
  }
  const key = check.keys.find((candidate) => candidate.kid === kid);
  if (!key) throw new AppError('envelope.unknown_sender_key', { kid, party });
  const refuse = (reason: ErrorReason, details: Record<string, string> = {}): never => {
    throw new AppError('envelope.key_not_valid', { kid, party, reason, ...details });
  };

  // sealedAt and validFrom come from the same (sender's) clock, so no tolerance is due here.
  if (sealedAt < key.validFrom) refuse('sender_key.before_valid', { sealedAt: iso(sealedAt) });
  if (sealedAt >= key.validTo) refuse('sender_key.after_expiry', { sealedAt: iso(sealedAt) });

  const successor = check.keys
    .filter((other) => other.kid !== kid && other.publishedAt > key.publishedAt)
    .reduce<SenderKeyWindow | undefined>(
      (earliest, other) => (earliest && earliest.publishedAt <= other.publishedAt ? earliest : other),
      undefined,
    );
  if (successor && sealedAt > successor.publishedAt + SUPERSEDED_KEY_GRACE_MS) {
    refuse('sender_key.superseded', { successor: successor.kid, supersededAt: iso(successor.publishedAt) });
  }

  // A key not yet valid at the hub's time needs no rule of its own: sealedAt ≥ validFrom makes such
  // a header one sealed in the future, refused above as clock skew.
  if (now >= key.validTo && now - key.validTo >= EXPIRED_KEY_GRACE_MS) {
    refuse('sender_key.long_expired', { expiredAt: iso(key.validTo) });
  }
  return key;
}
