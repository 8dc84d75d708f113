import type { Migration } from 'kysely';
import { booleanColumn, type MigrationDb } from './shared.js';

/** Registration codes, transport keys, published message keys and the hash-chained directory log. */
export const hubRegistry: Migration = {
  async up(db: MigrationDb) {
    await db.schema.alterTable('participants').addColumn('software_version', 'text').execute();
    await db.schema.alterTable('participants').addColumn('version_reported_at', 'bigint').execute();

    await db.schema
      .createTable('registration_codes')
      .addColumn('code_hash', 'text', (col) => col.primaryKey())
      .addColumn('party', 'text', (col) => col.notNull().references('participants.code'))
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('voided_at', 'bigint')
      .addColumn('failures', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('registration_codes_party')
      .on('registration_codes')
      .column('party')
      .execute();

    await db.schema
      .createTable('registration_failures')
      .addColumn('address', 'text', (col) => col.notNull())
      .addColumn('at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('registration_failures_address')
      .on('registration_failures')
      .columns(['address', 'at'])
      .execute();

    await db.schema
      .createTable('transport_keys')
      .addColumn('kid', 'text', (col) => col.primaryKey())
      .addColumn('party', 'text', (col) => col.notNull().references('participants.code'))
      .addColumn('public_jwk', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();

    await db.schema
      .createTable('participant_keys')
      .addColumn('kid', 'text', (col) => col.primaryKey())
      .addColumn('party', 'text', (col) => col.notNull().references('participants.code'))
      .addColumn('fingerprint', 'text', (col) => col.notNull())
      .addColumn('statement', 'text', (col) => col.notNull())
      .addColumn('valid_from', 'bigint', (col) => col.notNull())
      .addColumn('valid_to', 'bigint', (col) => col.notNull())
      .addColumn('previous_kid', 'text')
      .addColumn('recovery', 'integer', booleanColumn('recovery'))
      .addColumn('published_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('participant_keys_party')
      .on('participant_keys')
      .columns(['party', 'valid_from'])
      .execute();

    // seq is the primary key: two hub instances appending at once cannot both take the same number.
    await db.schema
      .createTable('directory_log')
      .addColumn('seq', 'bigint', (col) => col.primaryKey())
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('prev_hash', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('hash', 'text', (col) => col.notNull())
      .addColumn('signature', 'text', (col) => col.notNull())
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('directory_log').execute();
    await db.schema.dropTable('participant_keys').execute();
    await db.schema.dropTable('transport_keys').execute();
    await db.schema.dropTable('registration_failures').execute();
    await db.schema.dropTable('registration_codes').execute();
    await db.schema.alterTable('participants').dropColumn('version_reported_at').execute();
    await db.schema.alterTable('participants').dropColumn('software_version').execute();
  },
};
