import { sql, type Migration } from 'kysely';
import { createSharedTables, dropSharedTables, type MigrationDb } from './shared.js';
import { hubRegistry } from './hub-0002-registry.js';
import { hubRelay } from './hub-0003-relay.js';
import { hubKeys } from './hub-0004-keys.js';
import { hubBundles } from './hub-0006-bundles.js';

const initial: Migration = {
  async up(db: MigrationDb) {
    await createSharedTables(db);

    await db.schema
      .createTable('participants')
      .addColumn('code', 'text', (col) => col.primaryKey())
      .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('school', 'agency')`))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('registered_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();

    // Several hub instances share one nonce table, so a replayed request is caught whichever
    // instance it reaches (SPEC §4).
    await db.schema
      .createTable('nonces')
      .addColumn('keyid', 'text', (col) => col.notNull())
      .addColumn('nonce', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('nonces_pk', ['keyid', 'nonce'])
      .execute();
    await db.schema.createIndex('nonces_expires').on('nonces').column('expires_at').execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('sender', 'text', (col) => col.notNull().references('participants.code'))
      .addColumn('header_jws', 'text', (col) => col.notNull())
      .addColumn('payload_sha256', 'text', (col) => col.notNull())
      .addColumn('payload_size', 'bigint', (col) => col.notNull())
      .addColumn('payload_blob', 'text', (col) => col.notNull())
      .addColumn('accepted_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('messages_sender')
      .on('messages')
      .columns(['sender', 'accepted_at'])
      .execute();

    await db.schema
      .createTable('deliveries')
      .addColumn('message_id', 'text', (col) => col.notNull().references('messages.id').onDelete('cascade'))
      .addColumn('recipient', 'text', (col) => col.notNull().references('participants.code'))
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('acked_at', 'bigint')
      .addPrimaryKeyConstraint('deliveries_pk', ['message_id', 'recipient'])
      .execute();
    // A node's mailbox: its pending deliveries.
    await db.schema
      .createIndex('deliveries_recipient')
      .on('deliveries')
      .columns(['recipient', 'state'])
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('deliveries').execute();
    await db.schema.dropTable('messages').execute();
    await db.schema.dropTable('nonces').execute();
    await db.schema.dropTable('participants').execute();
    await dropSharedTables(db);
  },
};

/** Hub migrations in order; names are permanent once released. */
export const hubMigrations: Readonly<Record<string, Migration>> = {
  '0001_hub_initial': initial,
  '0002_hub_registry': hubRegistry,
  '0003_hub_relay': hubRelay,
  '0004_hub_keys': hubKeys,
  '0006_hub_bundles': hubBundles,
};
