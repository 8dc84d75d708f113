import { sql, type Migration } from 'kysely';
import type { MigrationDb } from './shared.js';

/**
 * The relay (SPEC §4): each accepted message keeps the acceptance receipt it was answered with, and
 * recipients' delivery/refusal receipts queue up for their senders.
 */
export const hubRelay: Migration = {
  async up(db: MigrationDb) {
    // The default only lets ALTER TABLE add a NOT NULL column; every accepted message is written with
    // its receipt (no message was stored before this migration existed).
    await db.schema
      .alterTable('messages')
      .addColumn('acceptance_receipt', 'text', (col) => col.notNull().defaultTo(''))
      .execute();

    // seq is assigned max+1 inside the settling transaction under the primary key, so a reader that
    // sees seq n committed has seen every seq below it: a sender's cursor never skips a receipt.
    await db.schema
      .createTable('receipts')
      .addColumn('seq', 'bigint', (col) => col.primaryKey())
      .addColumn('sender', 'text', (col) => col.notNull().references('participants.code'))
      .addColumn('message_id', 'text', (col) => col.notNull())
      .addColumn('recipient', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('delivery', 'refusal')`))
      .addColumn('jws', 'text', (col) => col.notNull())
      .addColumn('signer_kid', 'text', (col) => col.notNull())
      .addColumn('reason', 'text')
      .addColumn('stored_at', 'bigint', (col) => col.notNull())
      .addUniqueConstraint('receipts_delivery', ['message_id', 'recipient'])
      .addForeignKeyConstraint(
        'receipts_delivery_fk',
        ['message_id', 'recipient'],
        'deliveries',
        ['message_id', 'recipient'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex('receipts_sender').on('receipts').columns(['sender', 'seq']).execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('receipts').execute();
    await db.schema.alterTable('messages').dropColumn('acceptance_receipt').execute();
  },
};
