import type { Kysely } from 'kysely';
import {
  AppError,
  type Attachment,
  type ListQuery,
  type OutgoingMessage,
  type OutgoingMessageRepository,
  type OutgoingStatus,
  type Page,
  type Tombstone,
} from '@cds/domain';
import { sql } from 'kysely';
import { listRows, type BoxShape } from './message-search.js';
import { decodeRow, encodeFields, OUTGOING_FIELDS } from './rows.js';
import type { NodeDatabase, OutgoingAttachmentsTable, OutgoingMessagesTable } from './schema.js';
import { checkTombstone, insertTombstone } from './tombstone-repository.js';
import { versionedUpdate } from './versioned-update.js';

type StoredAttachment = Attachment & { blob: string };

const SHAPE: BoxShape = {
  table: 'outgoing_messages',
  sortColumn: 'created_at',
  searchColumns: ['description', 'id', 'subject', 'to_parties'],
  party: (party) =>
    sql`${sql.ref('m.id')} in (select message_id from outgoing_recipients where party = ${party})`,
};

/** The recipients index of party search (migration 0009) follows the message's `to`. */
async function writeRecipients(tx: Kysely<NodeDatabase>, id: string, to: readonly string[]): Promise<void> {
  await tx.deleteFrom('outgoing_recipients').where('message_id', '=', id).execute();
  const parties = [...new Set(to)];
  for (let i = 0; i < parties.length; i += 500) {
    await tx
      .insertInto('outgoing_recipients')
      .values(parties.slice(i, i + 500).map((party) => ({ message_id: id, party })))
      .execute();
  }
}

function toAttachment(row: OutgoingAttachmentsTable): StoredAttachment {
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

export function createOutgoingMessageRepository(db: Kysely<NodeDatabase>): OutgoingMessageRepository {
  const decode = (row: OutgoingMessagesTable) => decodeRow(OUTGOING_FIELDS, row);

  return {
    async insert(message, attachments) {
      for (const a of attachments) {
        if (a.messageId !== message.id) {
          throw new AppError('validation.failed', {
            detail: `attachment ${a.ordinal} belongs to ${a.messageId}`,
          });
        }
      }
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('outgoing_messages')
          .values(encodeFields(OUTGOING_FIELDS, message) as OutgoingMessagesTable)
          .execute();
        await writeRecipients(tx, message.id, message.to);
        if (attachments.length > 0) {
          await tx
            .insertInto('outgoing_attachments')
            .values(
              attachments.map((a) => ({
                message_id: message.id,
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
      });
    },

    async get(id) {
      const row = await db
        .selectFrom('outgoing_messages')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? decode(row) : null;
    },

    async attachments(id) {
      const rows = await db
        .selectFrom('outgoing_attachments')
        .selectAll()
        .where('message_id', '=', id)
        .orderBy('ordinal')
        .execute();
      return rows.map(toAttachment);
    },

    async update(id, expectedVersion, changes) {
      const write = async (tx: Kysely<NodeDatabase>) => {
        const row = await versionedUpdate(
          tx,
          'outgoing_messages',
          id,
          expectedVersion,
          encodeFields(OUTGOING_FIELDS, changes),
        );
        if (changes.to !== undefined) await writeRecipients(tx, id, changes.to);
        return decode(row as unknown as OutgoingMessagesTable);
      };
      return changes.to === undefined ? write(db) : db.transaction().execute(write);
    },

    async addAttachment(id, expectedVersion, attachment, updatedAt) {
      return db.transaction().execute(async (tx) => {
        const row = await versionedUpdate(tx, 'outgoing_messages', id, expectedVersion, {
          updated_at: updatedAt,
        });
        const last = await tx
          .selectFrom('outgoing_attachments')
          .select((eb) => eb.fn.max('ordinal').as('ordinal'))
          .where('message_id', '=', id)
          .executeTakeFirst();
        await tx
          .insertInto('outgoing_attachments')
          .values({
            message_id: id,
            ordinal: Number(last?.ordinal ?? 0) + 1,
            display_name: attachment.displayName,
            media_type: attachment.mediaType,
            size: attachment.size,
            sha256: attachment.sha256,
            blob: attachment.blob,
          })
          .execute();
        return decode(row as unknown as OutgoingMessagesTable);
      });
    },

    async removeAttachment(id, expectedVersion, ordinal, updatedAt) {
      return db.transaction().execute(async (tx) => {
        const row = await versionedUpdate(tx, 'outgoing_messages', id, expectedVersion, {
          updated_at: updatedAt,
        });
        const removed = await tx
          .deleteFrom('outgoing_attachments')
          .where('message_id', '=', id)
          .where('ordinal', '=', ordinal)
          .executeTakeFirst();
        if (removed.numDeletedRows === 0n) {
          throw new AppError('validation.failed', { detail: `message ${id} has no attachment ${ordinal}` });
        }
        return decode(row as unknown as OutgoingMessagesTable);
      });
    },

    async list(query: ListQuery<OutgoingStatus>): Promise<Page<OutgoingMessage>> {
      const page = await listRows<OutgoingMessagesTable>(db, SHAPE, query, (row) => row.created_at);
      return { items: page.rows.map(decode), next: page.next };
    },

    async delete(id: string, tombstone: Tombstone) {
      checkTombstone('outgoing', id, tombstone);
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('outgoing_attachments').where('message_id', '=', id).execute();
        await tx.deleteFrom('outgoing_receipts').where('message_id', '=', id).execute();
        const deleted = await tx.deleteFrom('outgoing_messages').where('id', '=', id).executeTakeFirst();
        if (deleted.numDeletedRows === 0n) throw new AppError('message.not_found', { id });
        await insertTombstone(tx, tombstone);
      });
    },
  };
}
