import { AppError, type Session, type User } from '@cds/domain';
import type { AuthContext } from './auth-context.js';
import { isWellFormedToken, sessionIdOf } from './session-token.js';

export interface ActiveSession {
  readonly session: Session;
  readonly user: User;
}

/**
 * The user behind a cookie token. An idle or expired session is deleted and reported as expired
 * (the UI says "please log in again"); a disabled user's session simply stops working.
 */
export async function resolveSession(
  context: AuthContext,
  token: string | undefined,
): Promise<ActiveSession> {
  if (token === undefined || !isWellFormedToken(token)) throw new AppError('auth.unauthenticated');
  const session = await context.sessions.get(sessionIdOf(token));
  if (session === null) throw new AppError('auth.unauthenticated');
  const now = context.clock.now();
  const { idleMs, touchEveryMs } = context.sessionPolicy;
  if (now >= session.expiresAt || now - session.lastSeenAt >= idleMs) {
    await context.sessions.delete(session.id);
    throw new AppError('auth.session_expired');
  }
  const record = await context.users.byId(session.userId);
  if (record === null || record.disabled) {
    await context.sessions.delete(session.id);
    throw new AppError('auth.unauthenticated');
  }
  if (now - session.lastSeenAt >= touchEveryMs) await context.sessions.touch(session.id, now);
  const { passwordHash: _hash, ...user } = record;
  return { session: { ...session, lastSeenAt: now }, user };
}
