import { AppError } from '@cds/domain';
import { audit, type AuthContext } from './auth-context.js';
import { assertPasswordAllowed } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { normaliseUsername } from './user-rules.js';

export interface ResetPasswordInput {
  readonly username: string;
  /** A temporary password the administrator hands over; the user must change it at next login. */
  readonly password: string;
  readonly actor: string;
}

/** 重設密碼: ends the user's sessions and lifts a login lockout (the administrator vouches). */
export async function resetPassword(context: AuthContext, input: ResetPasswordInput): Promise<void> {
  const username = normaliseUsername(input.username);
  const record = await context.users.byUsername(username);
  if (record === null) throw new AppError('user.not_found', { username });
  assertPasswordAllowed(input.password, username, context.passwordPolicy);
  const now = context.clock.now();
  await context.users.update(record.id, {
    updatedAt: now,
    passwordHash: await hashPassword(input.password),
    passwordChangedAt: now,
    mustChangePassword: normaliseUsername(input.actor) !== username,
  });
  await context.sessions.deleteForUser(record.id);
  await context.loginFailures.clearUser(username);
  await audit(context, 'user.password_reset', input.actor, { username });
}
