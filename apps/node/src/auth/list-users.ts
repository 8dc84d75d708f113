import type { User } from '@cds/domain';
import type { AuthContext } from './auth-context.js';

/** 用戶管理's list: every user with groups and state, by user name; never a password hash. */
export async function listUsers(context: AuthContext): Promise<readonly User[]> {
  return context.users.list();
}
