import { isAppError } from '@cds/domain';
import type { MailboxItem } from '@cds/contracts';
import { settleAtHub, signDeliveryReceipt, signRefusalReceipt } from './answer-delivery.js';
import type { CycleContext } from './cycle-context.js';

/**
 * Refuses a delivery whose header or payload failed this node's checks (SPEC §3.2): the signed
 * refusal is kept first, so the message is never fetched again even if the hub is not told now.
 */
export async function refuse(context: CycleContext, item: MailboxItem, reason: string): Promise<void> {
  const repo = context.services.repos.refusedDeliveries;
  const refusal = await repo.record({
    messageId: item.messageId,
    from: item.from,
    reason,
    receipt: await signRefusalReceipt(context, item, reason),
    refusedAt: context.services.keys.clock.now(),
    settledAt: null,
  });
  context.report({
    step: 'download',
    messageId: item.messageId,
    outcome: 'refused',
    party: item.from,
    reason,
  });
  await repo.markSettled(
    item.messageId,
    await settleAtHub(context, item.messageId, 'refuse', refusal.receipt),
  );
}

/**
 * A delivery still pending at the hub that this node already decided on: stored (the ack was lost),
 * refused (the refusal was lost), or stored and since deleted (its tombstone). The same answer goes
 * again and nothing is downloaded. Returns false for a delivery seen for the first time.
 */
export async function answerKnown(context: CycleContext, item: MailboxItem): Promise<boolean> {
  const { repos } = context.services;
  const refused = await repos.refusedDeliveries.get(item.messageId);
  if (refused) {
    context.report({
      step: 'download',
      messageId: item.messageId,
      outcome: 'refused',
      party: item.from,
      reason: refused.reason,
    });
    await repos.refusedDeliveries.markSettled(
      item.messageId,
      await settleAtHub(context, item.messageId, 'refuse', refused.receipt),
    );
    return true;
  }
  const stored = await repos.incoming.get(item.messageId);
  if (stored && stored.from !== item.from) {
    await refuse(context, item, 'validation.failed: the id is taken by a message of another sender');
    return true;
  }
  const tombstoned = !stored && (await repos.tombstones.has('incoming', item.from, item.messageId));
  if (!stored && !tombstoned) return false;
  const receipt = stored?.deliveryReceipt ?? (await signDeliveryReceipt(context, item));
  context.report({ step: 'download', messageId: item.messageId, outcome: 'duplicate', party: item.from });
  const settledAt = await settleAtHub(context, item.messageId, 'ack', receipt);
  if (stored && stored.acknowledgedAt === null) await noteAcknowledged(context, stored.id, settledAt);
  return true;
}

/** When the hub took the delivery receipt; shown to users, so a concurrent edit may win over it. */
export async function noteAcknowledged(context: CycleContext, id: string, at: number): Promise<void> {
  const current = await context.services.repos.incoming.get(id);
  if (!current || current.acknowledgedAt !== null) return;
  await context.services.repos.incoming
    .update(id, current.version, { acknowledgedAt: at })
    .catch((error: unknown) => {
      if (!isAppError(error) || error.code !== 'message.concurrent_update') throw error;
    });
}
