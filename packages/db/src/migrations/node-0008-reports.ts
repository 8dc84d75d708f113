import type { Migration } from 'kysely';
import type { MigrationDb } from './shared.js';

/**
 * What the reports need (SPEC §6). Each report ranges over one date and pages by (date, id), so
 * each such date gets an index ending in id (creation and reception times have theirs since 0001).
 * `incoming_messages.bundle_imported_at` marks a message that arrived in an import bundle (SPEC §5,
 * 匯入訊息) rather than by download: 已匯入訊息撮要 lists those. Nullable, so every existing row
 * is a downloaded one.
 */
const INDEXES = [
  ['outgoing_messages_updated', 'outgoing_messages', 'updated_at'],
  ['outgoing_messages_exported', 'outgoing_messages', 'exported_at'],
  ['outgoing_messages_sent', 'outgoing_messages', 'sent_at'],
  ['incoming_messages_bundle_imported', 'incoming_messages', 'bundle_imported_at'],
  ['key_changes_at', 'key_changes', 'at'],
] as const;

export const nodeReports: Migration = {
  async up(db: MigrationDb) {
    await db.schema.alterTable('incoming_messages').addColumn('bundle_imported_at', 'bigint').execute();
    for (const [name, table, column] of INDEXES) {
      await db.schema.createIndex(name).on(table).columns([column, 'id']).execute();
    }
  },

  async down(db: MigrationDb) {
    for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
    await db.schema.alterTable('incoming_messages').dropColumn('bundle_imported_at').execute();
  },
};
