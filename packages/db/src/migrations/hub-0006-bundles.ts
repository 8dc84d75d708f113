import type { Migration } from 'kysely';
import type { MigrationDb } from './shared.js';

/**
 * Offline bundles at the hub (SPEC §5): which messages came in by ingest rather than upload, and
 * each export-for of a pending delivery (time, operator, file). A delivery stays PENDING when
 * exported: the school's acknowledgement still settles it on its next cycle.
 */
export const hubBundles: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .createTable('message_ingests')
      .addColumn('message_id', 'text', (col) =>
        col.primaryKey().references('messages.id').onDelete('cascade'),
      )
      .addColumn('ingested_at', 'bigint', (col) => col.notNull())
      .addColumn('ingested_by', 'text', (col) => col.notNull())
      .addColumn('file', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('delivery_exports')
      .addColumn('message_id', 'text', (col) => col.notNull())
      .addColumn('recipient', 'text', (col) => col.notNull())
      .addColumn('exported_at', 'bigint', (col) => col.notNull())
      .addColumn('exported_by', 'text', (col) => col.notNull())
      .addColumn('file', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('delivery_exports_pk', ['message_id', 'recipient', 'exported_at'])
      .addForeignKeyConstraint(
        'delivery_exports_delivery_fk',
        ['message_id', 'recipient'],
        'deliveries',
        ['message_id', 'recipient'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('delivery_exports').execute();
    await db.schema.dropTable('message_ingests').execute();
  },
};
