import type { Migration } from 'kysely';
import { booleanColumn, type MigrationDb } from './shared.js';

/** The node's verified copy of the hub directory (SPEC §2.3). */
export const nodeDirectory: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .createTable('directory_keys')
      .addColumn('kid', 'text', (col) => col.primaryKey())
      .addColumn('party', 'text', (col) => col.notNull())
      .addColumn('fingerprint', 'text', (col) => col.notNull())
      .addColumn('x25519', 'text', (col) => col.notNull())
      .addColumn('ed25519', 'text', (col) => col.notNull())
      .addColumn('valid_from', 'bigint', (col) => col.notNull())
      .addColumn('valid_to', 'bigint', (col) => col.notNull())
      .addColumn('previous_kid', 'text')
      .addColumn('trust', 'text', (col) => col.notNull())
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('directory_keys_party')
      .on('directory_keys')
      .columns(['party', 'seq'])
      .execute();
    await db.schema
      .createTable('directory_parties')
      .addColumn('party', 'text', (col) => col.primaryKey())
      .addColumn('role', 'text')
      .addColumn('revoked', 'integer', booleanColumn('revoked'))
      .execute();
  },
  async down(db: MigrationDb) {
    await db.schema.dropTable('directory_parties').execute();
    await db.schema.dropTable('directory_keys').execute();
  },
};
