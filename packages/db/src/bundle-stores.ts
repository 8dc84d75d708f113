/**
 * Stores of offline bundles (SPEC §5). An import or an ingest is one transaction, so a bundle is
 * taken whole or not at all and a crash half-way leaves the store as it was; the payload blobs were
 * made durable before it starts.
 */
import type { Kysely } from 'kysely';
import type { BundleMove, HubBundleStore, IncomingMessage, NodeBundleStore } from '@cds/domain';
import { insertAccepted } from './hub-relay.js';
import { withConflictRetry } from './hub-retry.js';
import { encodeFields, INCOMING_FIELDS } from './rows.js';
import type { HubDatabase, IncomingMessagesTable, NodeDatabase } from './schema.js';

/** `bundle_imported_at` (node migration 0008) is what 已匯入訊息撮要 lists. */
function importedRow(message: IncomingMessage, payloadBlob: string, at: number): IncomingMessagesTable {
  return {
    ...(encodeFields(INCOMING_FIELDS, message) as IncomingMessagesTable),
    payload_blob: payloadBlob,
    bundle_imported_at: at,
  };
}

export function createNodeBundleStore(db: Kysely<NodeDatabase>): NodeBundleStore {
  return {
    async recordExports(messageIds, move) {
      if (messageIds.length === 0) return;
      await db
        .insertInto('outgoing_exports')
        .values(
          messageIds.map((id) => ({
            message_id: id,
            exported_at: move.at,
            exported_by: move.by,
            file: move.file,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async exports(messageId) {
      const rows = await db
        .selectFrom('outgoing_exports')
        .selectAll()
        .where('message_id', '=', messageId)
        .orderBy('exported_at')
        .execute();
      return rows.map((row) => ({ at: row.exported_at, by: row.exported_by, file: row.file }));
    },

    /** Writes lead (see incoming-repository insertIfNew on SQLITE_BUSY); a conflict means "already here". */
    importAll(messages, move, afterEach) {
      return db.transaction().execute(async (tx) => {
        const stored: string[] = [];
        for (const [index, { message, payloadBlob }] of messages.entries()) {
          const result = await tx
            .insertInto('incoming_messages')
            .values(importedRow(message, payloadBlob, move.at))
            .onConflict((oc) => oc.column('id').doNothing())
            .executeTakeFirst();
          if ((result.numInsertedOrUpdatedRows ?? 0n) > 0n) {
            await tx
              .insertInto('incoming_imports')
              .values({ message_id: message.id, imported_at: move.at, imported_by: move.by, file: move.file })
              .execute();
            stored.push(message.id);
          }
          afterEach?.(index);
        }
        return stored;
      });
    },

    async imported(messageId) {
      const row = await db
        .selectFrom('incoming_imports')
        .selectAll()
        .where('message_id', '=', messageId)
        .executeTakeFirst();
      return row ? { at: row.imported_at, by: row.imported_by, file: row.file } : null;
    },
  };
}

function moves(rows: ReadonlyArray<{ at: number; by: string; file: string }>): BundleMove[] {
  return rows.map((row) => ({ at: row.at, by: row.by, file: row.file }));
}

export function createHubBundleStore(db: Kysely<HubDatabase>): HubBundleStore {
  return {
    ingestAll(messages, move) {
      return withConflictRetry(() =>
        db.transaction().execute(async (tx) => {
          const results = [];
          for (const { message, recipients } of messages) {
            const result = await insertAccepted(tx, message, recipients);
            if (result.created) {
              await tx
                .insertInto('message_ingests')
                .values({
                  message_id: message.id,
                  ingested_at: move.at,
                  ingested_by: move.by,
                  file: move.file,
                })
                .execute();
            }
            results.push(result);
          }
          return results;
        }),
      );
    },

    async ingested(messageId) {
      const row = await db
        .selectFrom('message_ingests')
        .select(['ingested_at as at', 'ingested_by as by', 'file'])
        .where('message_id', '=', messageId)
        .executeTakeFirst();
      return row ?? null;
    },

    async markExported(recipient, messageIds, move) {
      for (let i = 0; i < messageIds.length; i += 500) {
        await db
          .insertInto('delivery_exports')
          .values(
            messageIds.slice(i, i + 500).map((id) => ({
              message_id: id,
              recipient,
              exported_at: move.at,
              exported_by: move.by,
              file: move.file,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    },

    async exportsOf(messageId, recipient) {
      const rows = await db
        .selectFrom('delivery_exports')
        .select(['exported_at as at', 'exported_by as by', 'file'])
        .where('message_id', '=', messageId)
        .where('recipient', '=', recipient)
        .orderBy('exported_at')
        .execute();
      return moves(rows);
    },
  };
}
