import type { Migration } from 'kysely';
import type { MigrationDb } from './shared.js';

/**
 * 寄發訊息 for a user without `cds.outgoing.all` lists only their own messages (SPEC §7): the list
 * walks (created_at desc, id desc) under `owner = ?`. Without this index that walk reads the whole
 * box whenever the user made few of its messages; with it, a page reads a page.
 */
export const nodeOwnerIndex: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .createIndex('outgoing_messages_owner')
      .on('outgoing_messages')
      .columns(['owner', 'created_at', 'id'])
      .execute();
  },
  async down(db: MigrationDb) {
    await db.schema.dropIndex('outgoing_messages_owner').execute();
  },
};
