import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  AppError,
  isGroup,
  type Group,
  type LoginFailureRepository,
  type SessionRepository,
  type UserRecord,
  type UserRepository,
} from '@cds/domain';
import type { NodeDatabase, UsersTable } from './schema.js';

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function toRecord(row: Selectable<UsersTable>, groups: readonly string[]): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    // A group unknown to this version (a downgrade) grants nothing rather than failing every login.
    groups: groups.filter(isGroup).sort(),
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    lang: row.lang === 'zh-HK' || row.lang === 'en' ? row.lang : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordChangedAt: row.password_changed_at,
    lastLoginAt: row.last_login_at,
    passwordHash: row.password_hash,
  };
}

async function groupsOf(
  db: Kysely<NodeDatabase>,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (userIds.length === 0) return found;
  const rows = await db
    .selectFrom('user_groups')
    .select(['user_id', 'group_code'])
    .where('user_id', 'in', userIds)
    .execute();
  for (const row of rows) found.set(row.user_id, [...(found.get(row.user_id) ?? []), row.group_code]);
  return found;
}

async function writeGroups(trx: Transaction<NodeDatabase>, userId: string, groups: readonly Group[]) {
  await trx.deleteFrom('user_groups').where('user_id', '=', userId).execute();
  if (groups.length === 0) return;
  await trx
    .insertInto('user_groups')
    .values([...new Set(groups)].map((group) => ({ user_id: userId, group_code: group })))
    .execute();
}

export function createUserRepository(db: Kysely<NodeDatabase>): UserRepository {
  const one = async (column: 'id' | 'username', value: string): Promise<UserRecord | null> => {
    const row = await db.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();
    if (row === undefined) return null;
    return toRecord(row, (await groupsOf(db, [row.id])).get(row.id) ?? []);
  };
  return {
    async insert(user) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('users')
            .values({
              id: user.id,
              username: user.username,
              display_name: user.displayName,
              password_hash: user.passwordHash,
              disabled: user.disabled ? 1 : 0,
              must_change_password: user.mustChangePassword ? 1 : 0,
              lang: user.lang,
              created_at: user.createdAt,
              updated_at: user.updatedAt,
              password_changed_at: user.passwordChangedAt,
              last_login_at: user.lastLoginAt,
            })
            .execute();
          await writeGroups(trx, user.id, user.groups);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('user.exists', { username: user.username });
        throw error;
      }
    },
    byUsername: (username) => one('username', username),
    byId: (id) => one('id', id),
    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
      const groups = await groupsOf(
        db,
        rows.map((row) => row.id),
      );
      return rows.map((row) => {
        const { passwordHash: _hash, ...user } = toRecord(row, groups.get(row.id) ?? []);
        return user;
      });
    },
    async update(id, changes) {
      await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('users')
          .set({
            updated_at: changes.updatedAt,
            ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
            ...(changes.disabled !== undefined ? { disabled: changes.disabled ? 1 : 0 } : {}),
            ...(changes.mustChangePassword !== undefined
              ? { must_change_password: changes.mustChangePassword ? 1 : 0 }
              : {}),
            ...(changes.lang !== undefined ? { lang: changes.lang } : {}),
            ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
            ...(changes.passwordChangedAt !== undefined
              ? { password_changed_at: changes.passwordChangedAt }
              : {}),
            ...(changes.lastLoginAt !== undefined ? { last_login_at: changes.lastLoginAt } : {}),
          })
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw new AppError('user.not_found', { username: id });
        if (changes.groups !== undefined) await writeGroups(trx, id, changes.groups);
      });
      const updated = await one('id', id);
      if (updated === null) throw new AppError('user.not_found', { username: id });
      return updated;
    },
  };
}

export function createSessionRepository(db: Kysely<NodeDatabase>): SessionRepository {
  return {
    async create(session) {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
          address: session.address,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) return null;
      return {
        id: row.id,
        userId: row.user_id,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        address: row.address,
      };
    },
    async touch(id, at) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteForUser(userId, keep) {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keep !== undefined) query = query.where('id', '!=', keep);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpired(absoluteBefore, idleBefore) {
      const result = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', absoluteBefore), eb('last_seen_at', '<=', idleBefore)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export function createLoginFailureRepository(db: Kysely<NodeDatabase>): LoginFailureRepository {
  return {
    async record(failure) {
      await db.insertInto('login_failures').values(failure).execute();
    },
    async since(key, since) {
      let query = db.selectFrom('login_failures').select('at').where('at', '>=', since);
      query =
        'username' in key
          ? query.where('username', '=', key.username)
          : query.where('address', '=', key.address);
      const rows = await query.orderBy('at').execute();
      return rows.map((row) => row.at);
    },
    async clearUser(username) {
      await db.deleteFrom('login_failures').where('username', '=', username).execute();
    },
    async prune(before) {
      await db.deleteFrom('login_failures').where('at', '<', before).execute();
    },
  };
}
