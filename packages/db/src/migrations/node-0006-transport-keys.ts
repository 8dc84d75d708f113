import type { Migration } from 'kysely';
import type { MigrationDb } from './shared.js';

/**
 * Transport keys as the verified directory lists them (SPEC §2.2, §2.3): a recipient's delivery and
 * refusal receipts are checked against these, so the hub cannot hand out a key of its own beside a
 * forged receipt. Rows are never removed: a receipt signed before a rotation still verifies.
 */
export const nodeTransportKeys: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .createTable('directory_transport_keys')
      .addColumn('kid', 'text', (col) => col.primaryKey())
      .addColumn('party', 'text', (col) => col.notNull())
      .addColumn('x', 'text', (col) => col.notNull())
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('directory_transport_keys_party')
      .on('directory_transport_keys')
      .columns(['party', 'seq'])
      .execute();
  },
  async down(db: MigrationDb) {
    await db.schema.dropTable('directory_transport_keys').execute();
  },
};
