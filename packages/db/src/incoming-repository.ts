import type { Kysely } from 'kysely';
import {
  AppError,
  type IncomingContentStore,
  type IncomingMessage,
  type IncomingMessageRepository,
  type IncomingStatus,
  type ListQuery,
  type Page,
  type StoredAttachment,
  type Tombstone,
} from '@cds/domain';
import { sql } from 'kysely';
import { listRows, type BoxShape } from './message-search.js';
import { decodeRow, encodeFields, INCOMING_FIELDS } from './rows.js';
import type { IncomingAttachmentsTable, IncomingMessagesTable, NodeDatabase } from './schema.js';
import { checkTombstone, insertTombstone } from './tombstone-repository.js';
import { versionedUpdate } from './versioned-update.js';

/** Thrown inside the transaction only to roll it back; never escapes this file. */
class Tombstoned extends Error {}

const SHAPE: BoxShape = {
  table: 'incoming_messages',
  sortColumn: 'received_at',
  searchColumns: ['description', 'id', 'subject', 'from_party'],
  party: (party) => sql`${sql.ref('m.from_party')} = ${party}`,
};

function toAttachment(row: IncomingAttachmentsTable): StoredAttachment {
  return {
    messageId: row.message_id,
    ordinal: row.ordinal,
    displayName: row.display_name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    blob: row.blob,
  };
}

export function createIncomingMessageRepository(
  db: Kysely<NodeDatabase>,
): IncomingMessageRepository & IncomingContentStore {
  const decode = (row: IncomingMessagesTable) => decodeRow(INCOMING_FIELDS, row);

  return {
    /**
     * Insert first, then look for a tombstone and roll back if there is one. Writing first
     * matters on SQLite: a transaction that reads before it writes can fail with SQLITE_BUSY
     * when another process commits in between, whatever the busy timeout. ON CONFLICT DO NOTHING
     * makes a racing second download store nothing rather than fail.
     */
    async insertIfNew(message: IncomingMessage, payloadBlob: string): Promise<boolean> {
      try {
        return await db.transaction().execute(async (tx) => {
          const result = await tx
            .insertInto('incoming_messages')
            .values({
              ...(encodeFields(INCOMING_FIELDS, message) as IncomingMessagesTable),
              payload_blob: payloadBlob,
            })
            .onConflict((oc) => oc.column('id').doNothing())
            .executeTakeFirst();
          if ((result.numInsertedOrUpdatedRows ?? 0n) === 0n) return false;
          const tombstoned = await tx
            .selectFrom('tombstones')
            .select('message_id')
            .where('box', '=', 'incoming')
            .where('party', '=', message.from)
            .where('message_id', '=', message.id)
            .executeTakeFirst();
          if (tombstoned !== undefined) throw new Tombstoned();
          return true;
        });
      } catch (error) {
        if (error instanceof Tombstoned) return false;
        throw error;
      }
    },

    async get(id) {
      const row = await db
        .selectFrom('incoming_messages')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? decode(row) : null;
    },

    async update(id, expectedVersion, changes) {
      const row = await versionedUpdate(
        db,
        'incoming_messages',
        id,
        expectedVersion,
        encodeFields(INCOMING_FIELDS, changes),
      );
      return decode(row as unknown as IncomingMessagesTable);
    },

    async payloadBlob(id) {
      const row = await db
        .selectFrom('incoming_messages')
        .select('payload_blob')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.payload_blob ?? null;
    },

    async attachments(id) {
      const rows = await db
        .selectFrom('incoming_attachments')
        .selectAll()
        .where('message_id', '=', id)
        .orderBy('ordinal')
        .execute();
      return rows.map(toAttachment);
    },

    /** The status write leads (see insertIfNew); a version mismatch rolls the attachments back too. */
    async updateWithAttachments(id, expectedVersion, changes, attachments) {
      for (const a of attachments) {
        if (a.messageId !== id) {
          throw new AppError('validation.failed', {
            detail: `attachment ${a.ordinal} belongs to ${a.messageId}`,
          });
        }
      }
      return db.transaction().execute(async (tx) => {
        const row = await versionedUpdate(
          tx,
          'incoming_messages',
          id,
          expectedVersion,
          encodeFields(INCOMING_FIELDS, changes),
        );
        await tx.deleteFrom('incoming_attachments').where('message_id', '=', id).execute();
        if (attachments.length > 0) {
          await tx
            .insertInto('incoming_attachments')
            .values(
              attachments.map((a) => ({
                message_id: id,
                ordinal: a.ordinal,
                display_name: a.displayName,
                media_type: a.mediaType,
                size: a.size,
                sha256: a.sha256,
                blob: a.blob,
              })),
            )
            .execute();
        }
        return decode(row as unknown as IncomingMessagesTable);
      });
    },

    async list(query: ListQuery<IncomingStatus>): Promise<Page<IncomingMessage>> {
      const page = await listRows<IncomingMessagesTable>(db, SHAPE, query, (row) => row.received_at);
      return { items: page.rows.map(decode), next: page.next };
    },

    async unreadCount() {
      const row = await db
        .selectFrom('incoming_messages')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('is_read', '=', 0)
        .where('archived', '=', 0)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async delete(id: string, tombstone: Tombstone) {
      checkTombstone('incoming', id, tombstone);
      // Delete first (see insertIfNew on why writes lead); a mismatching tombstone rolls it back.
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('incoming_attachments').where('message_id', '=', id).execute();
        const row = await tx
          .deleteFrom('incoming_messages')
          .where('id', '=', id)
          .returning('from_party')
          .executeTakeFirst();
        if (row === undefined) throw new AppError('message.not_found', { id });
        // insertIfNew looks tombstones up by the sender of the next download, so the tombstone
        // must name the sender of the stored row.
        if (tombstone.party !== row.from_party) {
          throw new AppError('validation.failed', {
            detail: `tombstone party ${tombstone.party} is not the sender ${row.from_party}`,
          });
        }
        await insertTombstone(tx, tombstone);
      });
    },
  };
}
