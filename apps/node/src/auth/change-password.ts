import { AppError } from '@cds/domain';
import { audit, type AuthContext } from './auth-context.js';
import { LOGIN_THROTTLE, lockedUntil, minutesLeft } from './login-throttle.js';
import { assertPasswordAllowed } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { ActiveSession } from './resolve-session.js';

export interface ChangePasswordInput {
  readonly current: string;
  readonly next: string;
}

/**
 * 更改密碼: the current password is required (a session left open is not enough), and a wrong one
 * counts toward the user's lockout like a failed login. Every other session of the user ends.
 */
export async function changePassword(
  context: AuthContext,
  active: ActiveSession,
  input: ChangePasswordInput,
): Promise<void> {
  const { user, session } = active;
  const record = await context.users.byId(user.id);
  if (record === null) throw new AppError('auth.unauthenticated');
  const now = context.clock.now();
  if (!(await verifyPassword(record.passwordHash, input.current))) {
    await context.loginFailures.record({ at: now, username: user.username, address: session.address });
    await audit(context, 'auth.password_change_failed', user.username, { reason: 'wrong_current_password' });
    const failures = await context.loginFailures.since(
      { username: user.username },
      now - LOGIN_THROTTLE.windowMs,
    );
    const until = lockedUntil(failures, LOGIN_THROTTLE.userLimit, LOGIN_THROTTLE.lockMs);
    if (until !== null) {
      // The lock also ends this session: whoever is guessing at an open screen is stopped.
      await context.sessions.deleteForUser(user.id);
      throw new AppError('auth.user_locked', { minutes: minutesLeft(until, now) });
    }
    throw new AppError('auth.wrong_current_password');
  }
  if (input.next === input.current) throw new AppError('auth.same_password');
  assertPasswordAllowed(input.next, user.username, context.passwordPolicy);
  await context.users.update(user.id, {
    updatedAt: now,
    passwordHash: await hashPassword(input.next),
    passwordChangedAt: now,
    mustChangePassword: false,
  });
  await context.sessions.deleteForUser(user.id, session.id);
  await audit(context, 'auth.password_changed', user.username);
}
