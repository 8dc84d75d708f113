import type { Kysely } from 'kysely';
import {
  AppError,
  type Delivery,
  type DeliveryState,
  type FeedPage,
  type MailboxEntry,
  type RelayStore,
  type RelayedMessage,
  type StoredRecipientReceipt,
} from '@cds/domain';
import type { HubDatabase } from './schema.js';
import { withConflictRetry } from './hub-retry.js';
import { mailboxAfter, mailboxCursor, receiptCursor, receiptsAfter } from './relay-cursors.js';

/** Keeps every statement under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function toMessage(row: HubDatabase['messages']): RelayedMessage {
  return {
    id: row.id,
    sender: row.sender,
    headerJws: row.header_jws,
    payloadSha256: row.payload_sha256,
    payloadSize: row.payload_size,
    payloadBlob: row.payload_blob,
    acceptedAt: row.accepted_at,
    acceptanceReceipt: row.acceptance_receipt,
  };
}

function toDelivery(row: HubDatabase['deliveries']): Delivery {
  return {
    messageId: row.message_id,
    recipient: row.recipient,
    state: row.state as DeliveryState,
    settledAt: row.acked_at,
  };
}

function toReceipt(row: HubDatabase['receipts']): StoredRecipientReceipt {
  return {
    kind: row.kind,
    messageId: row.message_id,
    recipient: row.recipient,
    jws: row.jws,
    signerKid: row.signer_kid,
    reason: row.reason,
    storedAt: row.stored_at,
  };
}

function page<T>(
  rows: readonly T[],
  limit: number,
  after: string | null,
  cursorOf: (last: T) => string,
): FeedPage<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, cursor: last === undefined ? after : cursorOf(last), more: rows.length > limit };
}

/**
 * Inserts an accepted message and its PENDING deliveries inside the caller's transaction (the
 * relay's upload, or the ingest of a whole bundle). When the id exists already nothing is written
 * and the stored message is returned with created = false.
 */
export async function insertAccepted(
  tx: Kysely<HubDatabase>,
  message: RelayedMessage,
  recipients: readonly string[],
): Promise<{ created: boolean; message: RelayedMessage }> {
  // The primary key decides between concurrent identical uploads: the later insert does
  // nothing (PostgreSQL waits for the first to commit) and re-reads what the first stored.
  const inserted = await tx
    .insertInto('messages')
    .values({
      id: message.id,
      sender: message.sender,
      header_jws: message.headerJws,
      payload_sha256: message.payloadSha256,
      payload_size: message.payloadSize,
      payload_blob: message.payloadBlob,
      accepted_at: message.acceptedAt,
      acceptance_receipt: message.acceptanceReceipt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await tx
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', message.id)
      .executeTakeFirstOrThrow();
    return { created: false, message: toMessage(existing) };
  }
  for (const part of chunks(recipients)) {
    await tx
      .insertInto('deliveries')
      .values(
        part.map((recipient) => ({
          message_id: message.id,
          recipient,
          state: 'PENDING',
          acked_at: null,
        })),
      )
      .execute();
  }
  return { created: true, message };
}

export function createRelayStore(db: Kysely<HubDatabase>): RelayStore {
  const delivery = async (messageId: string, recipient: string) => {
    const row = await db
      .selectFrom('deliveries')
      .selectAll()
      .where('message_id', '=', messageId)
      .where('recipient', '=', recipient)
      .executeTakeFirst();
    return row ? toDelivery(row) : null;
  };

  return {
    async message(id) {
      const row = await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toMessage(row) : null;
    },

    async activeParticipants(parties) {
      const active = new Set<string>();
      for (const part of chunks([...new Set(parties)])) {
        const rows = await db
          .selectFrom('participants')
          .select('code')
          .where('code', 'in', part)
          .where('registered_at', 'is not', null)
          .where('revoked_at', 'is', null)
          .execute();
        for (const row of rows) active.add(row.code);
      }
      return active;
    },

    accept(message, recipients) {
      return withConflictRetry(() =>
        db.transaction().execute((tx) => insertAccepted(tx, message, recipients)),
      );
    },

    delivery,

    async mailbox(recipient, after, limit) {
      let query = db
        .selectFrom('deliveries as d')
        .innerJoin('messages as m', 'm.id', 'd.message_id')
        .select(['m.id', 'm.sender', 'm.header_jws', 'm.payload_sha256', 'm.payload_size', 'm.accepted_at'])
        .where('d.recipient', '=', recipient)
        .where('d.state', '=', 'PENDING');
      if (after !== null) {
        const { at, id } = mailboxAfter(after);
        query = query.where((eb) =>
          eb.or([eb('m.accepted_at', '>', at), eb.and([eb('m.accepted_at', '=', at), eb('m.id', '>', id)])]),
        );
      }
      const rows = await query
        .orderBy('m.accepted_at')
        .orderBy('m.id')
        .limit(limit + 1)
        .execute();
      const entries: MailboxEntry[] = rows.map((row) => ({
        messageId: row.id,
        sender: row.sender,
        headerJws: row.header_jws,
        payloadSha256: row.payload_sha256,
        payloadSize: row.payload_size,
        acceptedAt: row.accepted_at,
      }));
      return page(entries, limit, after, (last) => mailboxCursor(last.acceptedAt, last.messageId));
    },

    settle({ receipt, state }) {
      return withConflictRetry(() =>
        db.transaction().execute(async (tx) => {
          const updated = await tx
            .updateTable('deliveries')
            .set({ state, acked_at: receipt.storedAt })
            .where('message_id', '=', receipt.messageId)
            .where('recipient', '=', receipt.recipient)
            .where('state', '=', 'PENDING')
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 1) {
            const { sender } = await tx
              .selectFrom('messages')
              .select('sender')
              .where('id', '=', receipt.messageId)
              .executeTakeFirstOrThrow();
            const head = await tx
              .selectFrom('receipts')
              .select((eb) => eb.fn.max('seq').as('seq'))
              .executeTakeFirst();
            await tx
              .insertInto('receipts')
              .values({
                seq: Number(head?.seq ?? 0) + 1,
                sender,
                message_id: receipt.messageId,
                recipient: receipt.recipient,
                kind: receipt.kind,
                jws: receipt.jws,
                signer_kid: receipt.signerKid,
                reason: receipt.reason,
                stored_at: receipt.storedAt,
              })
              .execute();
            return {
              changed: true,
              delivery: {
                messageId: receipt.messageId,
                recipient: receipt.recipient,
                state,
                settledAt: receipt.storedAt,
              },
            };
          }
          const row = await tx
            .selectFrom('deliveries')
            .selectAll()
            .where('message_id', '=', receipt.messageId)
            .where('recipient', '=', receipt.recipient)
            .executeTakeFirst();
          if (!row)
            throw new AppError('relay.not_a_recipient', { id: receipt.messageId, party: receipt.recipient });
          if (row.state !== state) {
            throw new AppError('relay.delivery_settled', {
              id: receipt.messageId,
              party: receipt.recipient,
              state: row.state,
            });
          }
          return { changed: false, delivery: toDelivery(row) };
        }),
      );
    },

    async receiptsFor(sender, after, limit) {
      let query = db.selectFrom('receipts').selectAll().where('sender', '=', sender);
      if (after !== null) query = query.where('seq', '>', receiptsAfter(after));
      const rows = await query
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      const result = page(rows, limit, after, (last) => receiptCursor(last.seq));
      return { ...result, items: result.items.map(toReceipt) };
    },
  };
}
