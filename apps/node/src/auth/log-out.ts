import { audit, type AuthContext } from './auth-context.js';
import type { ActiveSession } from './resolve-session.js';

/** 登出: the session row goes, so the cookie is worthless even if it was copied. */
export async function logOut(context: AuthContext, active: ActiveSession): Promise<void> {
  await context.sessions.delete(active.session.id);
  await audit(context, 'auth.logout', active.user.username, { address: active.session.address });
}
