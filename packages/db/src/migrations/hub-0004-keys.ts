import { sql, type Migration } from 'kysely';
import type { MigrationDb } from './shared.js';

/**
 * Operator codes get a purpose: `registration` (系統註冊) or `key-recovery` (publishing a recovered,
 * unchained School Key of a party that is still registered, SPEC §2.1). Both follow the same rules
 * (format, single use, 14 days, hashed, five failures void them); a code of one purpose never
 * works for the other.
 */
export const hubKeys: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .alterTable('registration_codes')
      .addColumn('purpose', 'text', (col) =>
        col
          .notNull()
          .defaultTo('registration')
          .check(sql`purpose in ('registration', 'key-recovery')`),
      )
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.alterTable('registration_codes').dropColumn('purpose').execute();
  },
};
