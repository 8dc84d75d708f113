import type { User } from '@cds/domain';
import { audit, type AuthContext } from './auth-context.js';
import { assertPasswordAllowed } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { assertGroups, assertUsername, displayNameOf, normaliseUsername } from './user-rules.js';

export interface AddUserInput {
  readonly username: string;
  readonly displayName?: string;
  readonly groups: readonly string[];
  readonly password: string;
  /**
   * True when someone other than the user chose the password (an administrator in 用戶管理): the
   * user must replace it at first login. `cds user add` run by the person themselves passes false.
   */
  readonly mustChangePassword: boolean;
  /** Who did it, for the audit trail: a user name, or `cli:<account>`. */
  readonly actor: string;
}

/** 新增用戶. The CLI creates the first administrator of a new node this way. */
export async function addUser(context: AuthContext, input: AddUserInput): Promise<User> {
  const username = normaliseUsername(input.username);
  assertUsername(username);
  const groups = assertGroups(input.groups, context.groups);
  assertPasswordAllowed(input.password, username, context.passwordPolicy);
  const now = context.clock.now();
  const user: User = {
    id: context.ids.next(),
    username,
    displayName: displayNameOf(input.displayName, username),
    groups: [...groups].sort(),
    disabled: false,
    mustChangePassword: input.mustChangePassword,
    lang: null,
    createdAt: now,
    updatedAt: now,
    passwordChangedAt: now,
    lastLoginAt: null,
  };
  await context.users.insert({ ...user, passwordHash: await hashPassword(input.password) });
  await audit(context, 'user.added', input.actor, { username, groups: groups.join(',') });
  return user;
}
