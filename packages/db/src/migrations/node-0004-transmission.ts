import { sql, type Migration } from 'kysely';
import type { MigrationDb } from './shared.js';

/**
 * What the transmission cycle keeps (SPEC §3–§4): the sealed envelope of an outgoing message and
 * the proofs about it, the verified header and queued delivery receipt of an incoming one, the
 * decrypted attachments, and the deliveries this node refused. Added columns are nullable so rows
 * written before this migration stay valid.
 */
export const nodeTransmission: Migration = {
  async up(db: MigrationDb) {
    await db.schema.alterTable('outgoing_messages').addColumn('header_jws', 'text').execute();
    await db.schema.alterTable('outgoing_messages').addColumn('payload_blob', 'text').execute();
    await db.schema.alterTable('outgoing_messages').addColumn('payload_sha256', 'text').execute();
    await db.schema.alterTable('outgoing_messages').addColumn('payload_size', 'bigint').execute();
    await db.schema.alterTable('outgoing_messages').addColumn('recipient_kids', 'text').execute();
    await db.schema.alterTable('outgoing_messages').addColumn('acceptance_receipt', 'text').execute();
    await db.schema
      .createIndex('outgoing_messages_payload_blob')
      .on('outgoing_messages')
      .column('payload_blob')
      .execute();

    await db.schema.alterTable('incoming_messages').addColumn('header_jws', 'text').execute();
    await db.schema.alterTable('incoming_messages').addColumn('payload_sha256', 'text').execute();
    await db.schema.alterTable('incoming_messages').addColumn('payload_size', 'bigint').execute();
    await db.schema.alterTable('incoming_messages').addColumn('delivery_receipt', 'text').execute();
    await db.schema.alterTable('incoming_messages').addColumn('acknowledged_at', 'bigint').execute();

    await db.schema
      .createTable('outgoing_receipts')
      .addColumn('message_id', 'text', (col) =>
        col.notNull().references('outgoing_messages.id').onDelete('cascade'),
      )
      .addColumn('recipient', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('delivery', 'refusal')`))
      .addColumn('jws', 'text', (col) => col.notNull())
      .addColumn('signer_kid', 'text', (col) => col.notNull())
      .addColumn('reason', 'text')
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('stored_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('outgoing_receipts_pk', ['message_id', 'recipient'])
      .execute();

    await db.schema
      .createTable('incoming_attachments')
      .addColumn('message_id', 'text', (col) =>
        col.notNull().references('incoming_messages.id').onDelete('cascade'),
      )
      .addColumn('ordinal', 'integer', (col) => col.notNull())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('media_type', 'text', (col) => col.notNull())
      .addColumn('size', 'bigint', (col) => col.notNull())
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('blob', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('incoming_attachments_pk', ['message_id', 'ordinal'])
      .execute();
    await db.schema
      .createIndex('incoming_attachments_blob')
      .on('incoming_attachments')
      .column('blob')
      .execute();

    await db.schema
      .createTable('refused_deliveries')
      .addColumn('message_id', 'text', (col) => col.primaryKey())
      .addColumn('from_party', 'text', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('receipt', 'text', (col) => col.notNull())
      .addColumn('refused_at', 'bigint', (col) => col.notNull())
      .addColumn('settled_at', 'bigint')
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('refused_deliveries').execute();
    await db.schema.dropTable('incoming_attachments').execute();
    await db.schema.dropTable('outgoing_receipts').execute();
    for (const column of [
      'acknowledged_at',
      'delivery_receipt',
      'payload_size',
      'payload_sha256',
      'header_jws',
    ]) {
      await db.schema.alterTable('incoming_messages').dropColumn(column).execute();
    }
    await db.schema.dropIndex('outgoing_messages_payload_blob').execute();
    for (const column of [
      'acceptance_receipt',
      'recipient_kids',
      'payload_size',
      'payload_sha256',
      'payload_blob',
      'header_jws',
    ]) {
      await db.schema.alterTable('outgoing_messages').dropColumn(column).execute();
    }
  },
};
