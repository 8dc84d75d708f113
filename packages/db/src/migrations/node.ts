import { sql, type CreateTableBuilder, type Migration } from 'kysely';
import { booleanColumn, createSharedTables, dropSharedTables, type MigrationDb } from './shared.js';
import { nodeKeys } from './node-0002-keys.js';
import { nodeDirectory } from './node-0003-directory.js';
import { nodeTransmission } from './node-0004-transmission.js';
import { nodeTransportKeys } from './node-0006-transport-keys.js';
import { nodeUsers } from './node-0007-users.js';
import { nodeReports } from './node-0008-reports.js';
import { nodeBundlesSearch } from './node-0009-bundles-search.js';
import { nodeNotices } from './node-0011-notices.js';
import { nodeStudents } from './node-0012-students.js';
import { nodeOwnerIndex } from './node-0013-owner-index.js';

/** Header columns both boxes carry (SPEC §2.4), in the same order in both tables. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function headerColumns(table: CreateTableBuilder<any, any>) {
  return table
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('priority', 'text', (col) => col.notNull())
    .addColumn('encryption_level', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('school_reference', 'text')
    .addColumn('reply_deadline', 'bigint')
    .addColumn('reply_to_id', 'text');
}

const initial: Migration = {
  async up(db: MigrationDb) {
    await createSharedTables(db);

    await db.schema
      .createTable('outgoing_messages')
      .$call(headerColumns)
      .addColumn('to_parties', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('owner', 'text', (col) => col.notNull())
      .addColumn('source_module', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('sealed_at', 'bigint')
      .addColumn('sent_at', 'bigint')
      .addColumn('received_at', 'bigint')
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('exported_at', 'bigint')
      .addColumn('archived', 'integer', booleanColumn('archived'))
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    // Keyset paging walks (created_at desc, id desc); status filters narrow it.
    await db.schema
      .createIndex('outgoing_messages_created')
      .on('outgoing_messages')
      .columns(['created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('outgoing_messages_status')
      .on('outgoing_messages')
      .columns(['status', 'created_at'])
      .execute();

    await db.schema
      .createTable('outgoing_attachments')
      .addColumn('message_id', 'text', (col) =>
        col.notNull().references('outgoing_messages.id').onDelete('cascade'),
      )
      .addColumn('ordinal', 'integer', (col) => col.notNull())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('media_type', 'text', (col) => col.notNull())
      .addColumn('size', 'bigint', (col) => col.notNull())
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('blob', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('outgoing_attachments_pk', ['message_id', 'ordinal'])
      .execute();
    // Blob garbage collection asks "is this blob still referenced?".
    await db.schema
      .createIndex('outgoing_attachments_blob')
      .on('outgoing_attachments')
      .column('blob')
      .execute();

    await db.schema
      .createTable('incoming_messages')
      .$call(headerColumns)
      .addColumn('from_party', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('received_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('is_read', 'integer', booleanColumn('is_read'))
      .addColumn('decrypted_by', 'text')
      .addColumn('decrypted_at', 'bigint')
      .addColumn('imported_by', 'text')
      .addColumn('imported_at', 'bigint')
      .addColumn('import_result', 'text')
      .addColumn('business_state', 'text')
      .addColumn('last_error', 'text')
      .addColumn('archived', 'integer', booleanColumn('archived'))
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('payload_blob', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('incoming_messages_received')
      .on('incoming_messages')
      .columns(['received_at', 'id'])
      .execute();
    await db.schema
      .createIndex('incoming_messages_status')
      .on('incoming_messages')
      .columns(['status', 'received_at'])
      .execute();
    await db.schema
      .createIndex('incoming_messages_blob')
      .on('incoming_messages')
      .column('payload_blob')
      .execute();

    await db.schema
      .createTable('tombstones')
      .addColumn('box', 'text', (col) => col.notNull().check(sql`box in ('outgoing', 'incoming')`))
      .addColumn('party', 'text', (col) => col.notNull())
      .addColumn('message_id', 'text', (col) => col.notNull())
      .addColumn('deleted_at', 'bigint', (col) => col.notNull())
      .addColumn('deleted_by', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('tombstones_pk', ['box', 'party', 'message_id'])
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('tombstones').execute();
    await db.schema.dropTable('incoming_messages').execute();
    await db.schema.dropTable('outgoing_attachments').execute();
    await db.schema.dropTable('outgoing_messages').execute();
    await dropSharedTables(db);
  },
};

/** Node migrations in order; names are permanent once released. */
export const nodeMigrations: Readonly<Record<string, Migration>> = {
  '0001_node_initial': initial,
  '0002_node_keys': nodeKeys,
  '0003_node_directory': nodeDirectory,
  '0004_node_transmission': nodeTransmission,
  '0006_node_transport_keys': nodeTransportKeys,
  '0007_node_users': nodeUsers,
  '0008_node_reports': nodeReports,
  '0009_node_bundles_search': nodeBundlesSearch,
  '0011_node_notices': nodeNotices,
  '0012_node_students': nodeStudents,
  '0013_node_owner_index': nodeOwnerIndex,
};
