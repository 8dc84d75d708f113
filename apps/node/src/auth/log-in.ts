import { AppError, type Session, type User } from '@cds/domain';
import { audit, type AuthContext } from './auth-context.js';
import { LOGIN_THROTTLE, lockedUntil, minutesLeft } from './login-throttle.js';
import { verifyAgainstDecoy, verifyPassword } from './passwords.js';
import { newSessionToken, sessionIdOf } from './session-token.js';
import { normaliseUsername } from './user-rules.js';

export interface LogInInput {
  readonly username: string;
  readonly password: string;
  /** The client address, for the per-address limit and the audit trail. */
  readonly address: string;
}

export interface LoggedIn {
  /** Goes to the cookie only; the database keeps its hash. */
  readonly token: string;
  readonly session: Session;
  readonly user: User;
}

async function assertNotLocked(context: AuthContext, username: string, address: string): Promise<void> {
  const now = context.clock.now();
  const since = now - LOGIN_THROTTLE.windowMs;
  const byAddress = lockedUntil(
    await context.loginFailures.since({ address }, since),
    LOGIN_THROTTLE.addressLimit,
    LOGIN_THROTTLE.lockMs,
  );
  if (byAddress !== null && byAddress > now) {
    await audit(context, 'auth.login_refused', username, { address, reason: 'address_locked' });
    throw new AppError('auth.address_locked', { minutes: minutesLeft(byAddress, now) });
  }
  const byUser = lockedUntil(
    await context.loginFailures.since({ username }, since),
    LOGIN_THROTTLE.userLimit,
    LOGIN_THROTTLE.lockMs,
  );
  if (byUser !== null && byUser > now) {
    await audit(context, 'auth.login_refused', username, { address, reason: 'user_locked' });
    throw new AppError('auth.user_locked', { minutes: minutesLeft(byUser, now) });
  }
}

/** Records the failure; the attempt that reaches the limit already reads the lockout message. */
async function fail(context: AuthContext, username: string, address: string, reason: string): Promise<never> {
  const now = context.clock.now();
  await context.loginFailures.record({ at: now, username, address });
  await audit(context, 'auth.login_failed', username, { address, reason });
  const failures = await context.loginFailures.since({ username }, now - LOGIN_THROTTLE.windowMs);
  const until = lockedUntil(failures, LOGIN_THROTTLE.userLimit, LOGIN_THROTTLE.lockMs);
  if (until !== null) {
    await audit(context, 'auth.user_locked', username, { address, until });
    throw new AppError('auth.user_locked', { minutes: minutesLeft(until, now) });
  }
  throw new AppError('auth.invalid_credentials');
}

/**
 * 登入: one answer for an unknown user, a wrong password and a disabled account, so the login page
 * never tells an outsider which user names exist; the audit trail keeps the real reason.
 */
export async function logIn(context: AuthContext, input: LogInInput): Promise<LoggedIn> {
  const username = normaliseUsername(input.username);
  await assertNotLocked(context, username, input.address);
  const user = await context.users.byUsername(username);
  if (user === null) {
    await verifyAgainstDecoy(input.password);
    return fail(context, username, input.address, 'unknown_user');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    return fail(context, username, input.address, 'wrong_password');
  }
  if (user.disabled) return fail(context, username, input.address, 'disabled');

  const now = context.clock.now();
  const { idleMs, absoluteMs } = context.sessionPolicy;
  await context.loginFailures.clearUser(username);
  await context.loginFailures.prune(now - LOGIN_THROTTLE.windowMs);
  await context.sessions.deleteExpired(now, now - idleMs);
  const token = newSessionToken();
  const session: Session = {
    id: sessionIdOf(token),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + absoluteMs,
    address: input.address,
  };
  await context.sessions.create(session);
  const updated = await context.users.update(user.id, { updatedAt: user.updatedAt, lastLoginAt: now });
  await audit(context, 'auth.login', username, { address: input.address });
  const { passwordHash: _hash, ...visible } = updated;
  return { token, session, user: visible };
}
