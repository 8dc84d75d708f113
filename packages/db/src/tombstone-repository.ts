import type { Kysely, Transaction } from 'kysely';
import { AppError, type Box, type Tombstone, type TombstoneRepository } from '@cds/domain';
import type { NodeDatabase } from './schema.js';

/** A tombstone for another box or message than the one being deleted is a caller bug. */
export function checkTombstone(box: Box, id: string, tombstone: Tombstone): void {
  if (tombstone.box !== box || tombstone.messageId !== id) {
    throw new AppError('validation.failed', {
      detail: `tombstone ${tombstone.box}/${tombstone.messageId} does not match ${box}/${id}`,
    });
  }
}

/**
 * Written inside the deleting transaction. Deleting twice (e.g. a retried request after the
 * first commit) keeps the first tombstone rather than failing.
 */
export async function insertTombstone(tx: Transaction<NodeDatabase>, tombstone: Tombstone): Promise<void> {
  await tx
    .insertInto('tombstones')
    .values({
      box: tombstone.box,
      party: tombstone.party,
      message_id: tombstone.messageId,
      deleted_at: tombstone.deletedAt,
      deleted_by: tombstone.deletedBy,
    })
    .onConflict((oc) => oc.columns(['box', 'party', 'message_id']).doNothing())
    .execute();
}

export function createTombstoneRepository(db: Kysely<NodeDatabase>): TombstoneRepository {
  return {
    async has(box, party, messageId) {
      const row = await db
        .selectFrom('tombstones')
        .select('message_id')
        .where('box', '=', box)
        .where('party', '=', party)
        .where('message_id', '=', messageId)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
