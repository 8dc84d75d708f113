import { AppError, type User } from '@cds/domain';
import { audit, type AuthContext } from './auth-context.js';
import { assertGroups, displayNameOf, isActiveAdministrator, normaliseUsername } from './user-rules.js';

export interface UpdateUserInput {
  readonly username: string;
  readonly displayName?: string;
  readonly groups?: readonly string[];
  readonly disabled?: boolean;
  readonly actor: string;
}

async function assertAnotherAdministrator(context: AuthContext, exceptId: string): Promise<void> {
  const others = (await context.users.list()).filter((user) => user.id !== exceptId);
  if (!others.some(isActiveAdministrator)) throw new AppError('user.last_admin');
}

/**
 * 修改用戶 (groups, name) and 停用 / 啟用. Two guards keep the node administrable: nobody disables
 * themselves, and the last active user administrator keeps that right. A changed group set or a
 * disable ends the user's sessions, so new rights apply from the next login.
 */
export async function updateUser(context: AuthContext, input: UpdateUserInput): Promise<User> {
  const username = normaliseUsername(input.username);
  const record = await context.users.byUsername(username);
  if (record === null) throw new AppError('user.not_found', { username });
  const groups = input.groups === undefined ? undefined : assertGroups(input.groups, context.groups);
  if (input.disabled === true && normaliseUsername(input.actor) === username) {
    throw new AppError('user.self_disable');
  }
  const after = { disabled: input.disabled ?? record.disabled, groups: groups ?? record.groups };
  if (isActiveAdministrator(record) && !isActiveAdministrator(after)) {
    await assertAnotherAdministrator(context, record.id);
  }
  const groupsChanged = groups !== undefined && [...groups].sort().join() !== [...record.groups].join();
  const updated = await context.users.update(record.id, {
    updatedAt: context.clock.now(),
    ...(input.displayName !== undefined ? { displayName: displayNameOf(input.displayName, username) } : {}),
    ...(groups !== undefined ? { groups } : {}),
    ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
  });
  if (groupsChanged || (input.disabled === true && !record.disabled)) {
    await context.sessions.deleteForUser(record.id);
  }
  if (input.disabled !== undefined && input.disabled !== record.disabled) {
    await audit(context, input.disabled ? 'user.disabled' : 'user.enabled', input.actor, { username });
  }
  if (groupsChanged) {
    await audit(context, 'user.groups_changed', input.actor, {
      username,
      from: record.groups.join(','),
      to: updated.groups.join(','),
    });
  }
  const { passwordHash: _hash, ...user } = updated;
  return user;
}
