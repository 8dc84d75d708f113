import type { Migration } from 'kysely';
import { booleanColumn, type MigrationDb } from './shared.js';

/**
 * Notifications (SPEC §6): each user's dismissals (不再顯示), one row per (user, kind, scope) with
 * the level dismissed, and the 維護通知 administrators write (audience groups as a JSON array, a
 * validity period). The per-kind audience and dismissibility live in the `notices.config` setting.
 */
export const nodeNotices: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .createTable('notice_dismissals')
      .addColumn('username', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('level', 'bigint', (col) => col.notNull())
      .addColumn('dismissed_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('notice_dismissals_pk', ['username', 'kind', 'scope'])
      .execute();

    await db.schema
      .createTable('maintenance_notices')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('valid_from', 'bigint', (col) => col.notNull())
      .addColumn('valid_to', 'bigint', (col) => col.notNull())
      .addColumn('groups', 'text', (col) => col.notNull())
      .addColumn('dismissible', 'integer', booleanColumn('dismissible'))
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('maintenance_notices').execute();
    await db.schema.dropTable('notice_dismissals').execute();
  },
};
