import type { Kysely } from 'kysely';
import type { SettingsRepository } from '@cds/domain';
import type { SharedTables } from './schema.js';

/** Works on hub and node databases alike: both have the settings table. */
export function createSettingsRepository<DB extends SharedTables>(database: Kysely<DB>): SettingsRepository {
  const db = database as unknown as Kysely<SharedTables>;
  return {
    async get(key) {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value ?? null;
    },

    async set(key, value) {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },

    async all() {
      const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
      return Object.freeze(Object.fromEntries(rows.map((r) => [r.key, r.value])));
    },
  };
}
