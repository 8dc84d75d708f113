import type { Kysely } from 'kysely';
import type {
  OutgoingReceipt,
  OutgoingReceiptRepository,
  RefusedDelivery,
  RefusedDeliveryRepository,
} from '@cds/domain';
import type { NodeDatabase, OutgoingReceiptsTable, RefusedDeliveriesTable } from './schema.js';

function toReceipt(row: OutgoingReceiptsTable): OutgoingReceipt {
  return {
    messageId: row.message_id,
    recipient: row.recipient,
    kind: row.kind,
    jws: row.jws,
    signerKid: row.signer_kid,
    reason: row.reason,
    at: row.at,
    storedAt: row.stored_at,
  };
}

function toRefusal(row: RefusedDeliveriesTable): RefusedDelivery {
  return {
    messageId: row.message_id,
    from: row.from_party,
    reason: row.reason,
    receipt: row.receipt,
    refusedAt: row.refused_at,
    settledAt: row.settled_at,
  };
}

/**
 * The first receipt per recipient wins: the hub settles a delivery once, so a second receipt for the
 * same pair can only be a repeat of the feed, and keeping the first keeps the proof stable.
 */
export function createOutgoingReceiptRepository(db: Kysely<NodeDatabase>): OutgoingReceiptRepository {
  return {
    async record(receipt) {
      const result = await db
        .insertInto('outgoing_receipts')
        .values({
          message_id: receipt.messageId,
          recipient: receipt.recipient,
          kind: receipt.kind,
          jws: receipt.jws,
          signer_kid: receipt.signerKid,
          reason: receipt.reason,
          at: receipt.at,
          stored_at: receipt.storedAt,
        })
        .onConflict((oc) => oc.columns(['message_id', 'recipient']).doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },

    async forMessage(messageId) {
      const rows = await db
        .selectFrom('outgoing_receipts')
        .selectAll()
        .where('message_id', '=', messageId)
        .orderBy('recipient')
        .execute();
      return rows.map(toReceipt);
    },
  };
}

export function createRefusedDeliveryRepository(db: Kysely<NodeDatabase>): RefusedDeliveryRepository {
  const get = async (messageId: string): Promise<RefusedDelivery | null> => {
    const row = await db
      .selectFrom('refused_deliveries')
      .selectAll()
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    return row ? toRefusal(row) : null;
  };
  return {
    get,

    async record(refusal) {
      await db
        .insertInto('refused_deliveries')
        .values({
          message_id: refusal.messageId,
          from_party: refusal.from,
          reason: refusal.reason,
          receipt: refusal.receipt,
          refused_at: refusal.refusedAt,
          settled_at: refusal.settledAt,
        })
        .onConflict((oc) => oc.column('message_id').doNothing())
        .execute();
      const kept = await get(refusal.messageId);
      if (!kept) throw new Error(`refusal of ${refusal.messageId} vanished after insert`);
      return kept;
    },

    async markSettled(messageId, at) {
      await db
        .updateTable('refused_deliveries')
        .set({ settled_at: at })
        .where('message_id', '=', messageId)
        .where('settled_at', 'is', null)
        .execute();
    },
  };
}
