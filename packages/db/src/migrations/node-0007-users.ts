import { sql, type Migration } from 'kysely';
import { booleanColumn, type MigrationDb } from './shared.js';

/**
 * Users of the web application, their groups, sessions and failed logins (SPEC §7, §11). Session
 * ids are SHA-256 hashes of the cookie token, so reading this table does not let anyone log in.
 */
export const nodeUsers: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('username', 'text', (col) => col.notNull().unique())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('disabled', 'integer', booleanColumn('disabled'))
      .addColumn('must_change_password', 'integer', booleanColumn('must_change_password'))
      .addColumn('lang', 'text', (col) => col.check(sql`lang in ('zh-HK', 'en')`))
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('password_changed_at', 'bigint', (col) => col.notNull())
      .addColumn('last_login_at', 'bigint')
      .execute();

    await db.schema
      .createTable('user_groups')
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('group_code', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('user_groups_pk', ['user_id', 'group_code'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .addColumn('address', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('login_failures')
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('username', 'text', (col) => col.notNull())
      .addColumn('address', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('login_failures_username')
      .on('login_failures')
      .columns(['username', 'at'])
      .execute();
    await db.schema
      .createIndex('login_failures_address')
      .on('login_failures')
      .columns(['address', 'at'])
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('login_failures').execute();
    await db.schema.dropTable('sessions').execute();
    await db.schema.dropTable('user_groups').execute();
    await db.schema.dropTable('users').execute();
  },
};
