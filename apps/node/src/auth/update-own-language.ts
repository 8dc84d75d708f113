import type { Lang } from '@cds/domain';
import type { AuthContext } from './auth-context.js';
import type { ActiveSession } from './resolve-session.js';

/** The language a user last chose follows them to another computer (SPEC: zh-HK by default). */
export async function updateOwnLanguage(
  context: AuthContext,
  active: ActiveSession,
  lang: Lang,
): Promise<void> {
  const { user } = active;
  if (user.lang === lang) return;
  await context.users.update(user.id, { updatedAt: user.updatedAt, lang });
}
