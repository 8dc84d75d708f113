import type { Migration } from 'kysely';
import type { MigrationDb } from './shared.js';

/** The School Key's history, its wrong-entry counter and the security events they raise (issue: keyring). */
export const nodeKeys: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .createTable('key_changes')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('user_name', 'text', (col) => col.notNull())
      .addColumn('kid', 'text', (col) => col.notNull())
      .addColumn('fingerprint', 'text', (col) => col.notNull())
      .addColumn('valid_from', 'bigint', (col) => col.notNull())
      .addColumn('valid_to', 'bigint', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('key_changes_kid').on('key_changes').column('kid').execute();

    await db.schema
      .createTable('school_key_failures')
      .addColumn('at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('security_events')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('detail', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('security_events_kind')
      .on('security_events')
      .columns(['kind', 'at'])
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('security_events').execute();
    await db.schema.dropTable('school_key_failures').execute();
    await db.schema.dropTable('key_changes').execute();
  },
};
