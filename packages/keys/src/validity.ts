/** A key pair is valid 365 days from activation (SPEC §2.1). */
export const KEY_VALIDITY_MS = 365 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Warnings step at these many days before expiry; each step is a separate notification occurrence. */
export const EXPIRY_WARNING_DAYS = [60, 30, 7] as const;

export type KeyValidity =
  | { readonly state: 'not_yet_valid'; readonly validFrom: number }
  | { readonly state: 'valid'; readonly daysLeft: number }
  | {
      readonly state: 'expiring';
      readonly daysLeft: number;
      readonly threshold: (typeof EXPIRY_WARNING_DAYS)[number];
    }
  | { readonly state: 'expired'; readonly validTo: number };

export function keyValidity(key: { validFrom: number; validTo: number }, now: number): KeyValidity {
  if (now < key.validFrom) return { state: 'not_yet_valid', validFrom: key.validFrom };
  if (now >= key.validTo) return { state: 'expired', validTo: key.validTo };
  const daysLeft = Math.ceil((key.validTo - now) / DAY_MS);
  // The smallest threshold the remaining time falls under: 7 wins over 30 and 60.
  const threshold = [...EXPIRY_WARNING_DAYS].reverse().find((days) => daysLeft <= days);
  return threshold === undefined ? { state: 'valid', daysLeft } : { state: 'expiring', daysLeft, threshold };
}

export function validityWindow(activatedAt: number): { validFrom: number; validTo: number } {
  return { validFrom: activatedAt, validTo: activatedAt + KEY_VALIDITY_MS };
}
