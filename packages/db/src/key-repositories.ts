import type { Kysely } from 'kysely';
import type {
  KeyChangeRepository,
  SchoolKeyGuardStore,
  SecurityEvent,
  SecurityEventRepository,
} from '@cds/domain';
import type { NodeDatabase } from './schema.js';
import { createSettingsRepository } from './settings-repository.js';

const LOCKED_UNTIL = 'key.locked_until';

export function createKeyChangeRepository(db: Kysely<NodeDatabase>): KeyChangeRepository {
  return {
    async append(change) {
      await db
        .insertInto('key_changes')
        .values({
          id: change.id,
          at: change.at,
          user_name: change.user,
          kid: change.kid,
          fingerprint: change.fingerprint,
          valid_from: change.validFrom,
          valid_to: change.validTo,
          reason: change.reason,
        })
        .execute();
    },
    async list() {
      const rows = await db
        .selectFrom('key_changes')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        user: row.user_name,
        kid: row.kid,
        fingerprint: row.fingerprint,
        validFrom: row.valid_from,
        validTo: row.valid_to,
        reason: row.reason,
      }));
    },
    async has(kid) {
      return (
        (await db.selectFrom('key_changes').select('id').where('kid', '=', kid).executeTakeFirst()) !==
        undefined
      );
    },
  };
}

/** Failures live in their own table; the lock is a setting so every process of the node sees it. */
export function createSchoolKeyGuardStore(db: Kysely<NodeDatabase>): SchoolKeyGuardStore {
  const settings = createSettingsRepository(db);
  return {
    async recordFailure(at) {
      await db.insertInto('school_key_failures').values({ at }).execute();
    },
    async failuresSince(since) {
      const row = await db
        .selectFrom('school_key_failures')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async clearFailures() {
      await db.deleteFrom('school_key_failures').execute();
    },
    async lockedUntil() {
      const value = await settings.get(LOCKED_UNTIL);
      return value === null ? null : Number(value);
    },
    async lockUntil(until) {
      await settings.set(LOCKED_UNTIL, String(until));
    },
  };
}

export function createSecurityEventRepository(db: Kysely<NodeDatabase>): SecurityEventRepository {
  return {
    async record(event) {
      await db
        .insertInto('security_events')
        .values({
          id: event.id,
          at: event.at,
          kind: event.kind,
          actor: event.actor,
          detail: JSON.stringify(event.detail),
        })
        .execute();
    },
    async list(options = {}) {
      let query = db.selectFrom('security_events').selectAll().orderBy('at', 'asc').orderBy('id', 'asc');
      if (options.kind !== undefined) query = query.where('kind', '=', options.kind);
      if (options.since !== undefined) query = query.where('at', '>=', options.since);
      const rows = await query.execute();
      return rows.map((row): SecurityEvent => ({
        id: row.id,
        at: row.at,
        kind: row.kind,
        actor: row.actor,
        detail: JSON.parse(row.detail) as SecurityEvent['detail'],
      }));
    },
  };
}
