/**
 * Login throttling (SPEC §11): the database keeps failed attempts, so the limits hold across
 * restarts and across processes. Five wrong passwords for one user name within 15 minutes lock
 * that user name for 15 minutes (as the School Key's lockout); twenty from one address lock the
 * address, which stops one computer from trying many user names.
 */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60_000,
  userLimit: 5,
  addressLimit: 20,
  lockMs: 15 * 60_000,
} as const;

/** The end of the lock the failures cause, or null when they do not reach the limit. */
export function lockedUntil(failureTimes: readonly number[], limit: number, lockMs: number): number | null {
  if (failureTimes.length < limit) return null;
  return Math.max(...failureTimes) + lockMs;
}

/** Whole minutes left, at least one, for the message the user reads. */
export function minutesLeft(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 60_000));
}
