import type { Kysely } from 'kysely';
import { AppError, type LeaseRepository } from '@cds/domain';
import type { SharedTables } from './schema.js';

/** A released lease whose row vanished between our attempt and our look is simply retried. */
const ACQUIRE_ATTEMPTS = 3;

function checkTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new AppError('usage.invalid_argument', { detail: `lease ttl ${ttlMs}` });
  }
}

/**
 * Leases keep one transmission cycle per node (and one scheduler per hub) across processes.
 *
 * `acquire` is a single INSERT ... ON CONFLICT DO UPDATE ... WHERE: the database decides the
 * winner atomically, on SQLite (writers serialised by the file lock) and on PostgreSQL (the
 * conflicting row is locked and the WHERE re-checked against its latest version), so of any
 * number of concurrent callers exactly one sees its row come back. A holder that already holds
 * the lease may acquire it again (it is extended); holders are expected to be unique per run.
 */
export function createLeaseRepository<DB extends SharedTables>(database: Kysely<DB>): LeaseRepository {
  const db = database as unknown as Kysely<SharedTables>;
  return {
    async acquire(name, holder, now, ttlMs) {
      checkTtl(ttlMs);
      const expiresAt = now + ttlMs;
      for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
        const won = await db
          .insertInto('leases')
          .values({ name, holder, expires_at: expiresAt })
          .onConflict((oc) =>
            oc
              .column('name')
              .doUpdateSet({ holder, expires_at: expiresAt })
              .where((eb) => eb.or([eb('leases.expires_at', '<=', now), eb('leases.holder', '=', holder)])),
          )
          .returning('holder')
          .executeTakeFirst();
        if (won !== undefined) return { acquired: true };

        const current = await db
          .selectFrom('leases')
          .select(['holder', 'expires_at'])
          .where('name', '=', name)
          .executeTakeFirst();
        if (current !== undefined) {
          return { acquired: false, current: { holder: current.holder, expiresAt: current.expires_at } };
        }
      }
      throw new AppError('internal.unexpected', { detail: `lease ${name} kept changing hands` });
    },

    /**
     * Extends only the caller's own lease. An expired lease nobody has taken yet may still be
     * renewed: takeovers go through the same row, so nobody else can have acted on it.
     */
    async renew(name, holder, now, ttlMs) {
      checkTtl(ttlMs);
      const result = await db
        .updateTable('leases')
        .set({ expires_at: now + ttlMs })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async release(name, holder) {
      await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
    },

    async current(name, now) {
      const row = await db
        .selectFrom('leases')
        .select(['holder', 'expires_at'])
        .where('name', '=', name)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row === undefined ? null : { holder: row.holder, expiresAt: row.expires_at };
    },
  };
}
