import {
  AppError,
  allowedOutgoingActions,
  isAppError,
  type OutgoingMessage,
  type OutgoingReceipt,
} from '@cds/domain';
import {
  REFUSAL_RECEIPT_FORMAT,
  hubPaths,
  receiptPageSchema,
  receiptSignerKid,
  verifyRecipientReceipt,
  type ReceiptListItem,
} from '@cds/contracts';
import { applyOutgoing } from '../messages/apply-transition.js';
import type { CycleContext } from './cycle-context.js';
import { retrying } from './faults.js';

/** Where the receipt feed was read up to; receipts before it are kept in outgoing_receipts. */
export const RECEIPTS_CURSOR_SETTING = 'transmission.receipts_cursor';
const PAGE = 100;

/**
 * The receipt proves something only if the recipient's transport key signed it, for this message,
 * this recipient and these payload bytes. The key is the one the hub-signed directory lists for the
 * recipient (registration or a rotation the previous key signed), so a hub cannot forge a receipt
 * by listing a key of its own. Parties registered before transport keys were listed have none in
 * the directory; for them alone the key offered beside the receipt is used.
 */
async function signerKey(
  context: CycleContext,
  item: ReceiptListItem,
): Promise<{ kty: 'OKP'; crv: 'Ed25519'; kid: string; x: string }> {
  const kid = receiptSignerKid(item.receipt);
  const listed = await context.services.repos.directory.transportKeys(item.recipient);
  if (listed.length === 0 && kid === item.signerKey.kid) return item.signerKey;
  const key = listed.find((candidate) => candidate.kid === kid);
  if (!key)
    throw new AppError('receipt.invalid', {
      detail: `signed by ${kid}, not a key the directory lists for ${item.recipient}`,
    });
  return { kty: 'OKP', crv: 'Ed25519', kid: key.kid, x: key.x };
}

async function verified(
  context: CycleContext,
  item: ReceiptListItem,
  message: OutgoingMessage,
): Promise<OutgoingReceipt> {
  const key = await signerKey(context, item);
  const receipt = await verifyRecipientReceipt(item.receipt, key);
  const kind = receipt.format === REFUSAL_RECEIPT_FORMAT ? 'refusal' : 'delivery';
  if (
    kind !== item.kind ||
    receipt.messageId !== message.id ||
    receipt.recipient !== item.recipient ||
    !message.to.includes(receipt.recipient) ||
    receipt.payloadSha256 !== message.payloadSha256
  ) {
    throw new AppError('receipt.invalid', { detail: 'it does not match the message it is listed for' });
  }
  return {
    messageId: message.id,
    recipient: receipt.recipient,
    kind,
    jws: item.receipt,
    signerKid: key.kid,
    reason: receipt.format === REFUSAL_RECEIPT_FORMAT ? receipt.reason : null,
    at: receipt.at,
    storedAt: 0,
  };
}

/**
 * Moves an outgoing message by its recipients' receipts once every recipient has answered: RECEIVED
 * when at least one took it (refusals of a broadcast are kept as the reason), REJECTED when all
 * refused. A message in a status the machine does not allow it from (PROCESSING during a resend)
 * waits: this runs again after its acceptance receipt.
 */
export async function settleFromReceipts(context: CycleContext, id: string): Promise<void> {
  const message = await context.services.repos.outgoing.get(id);
  if (!message) return;
  const receipts = await context.services.repos.outgoingReceipts.forMessage(id);
  if (!message.to.every((party) => receipts.some((receipt) => receipt.recipient === party))) return;
  const delivered = receipts.filter((receipt) => receipt.kind === 'delivery');
  const refusals = receipts
    .filter((receipt) => receipt.kind === 'refusal')
    .map((receipt) => `${receipt.recipient}: ${receipt.reason ?? ''}`)
    .join('; ');
  const action = delivered.length > 0 ? 'delivery_receipt' : 'recipient_refusal';
  if (!allowedOutgoingActions(message.status, 'system').includes(action)) return;
  const after = await applyOutgoing(context.services, id, action, () =>
    delivered.length > 0
      ? { receivedAt: Math.max(...delivered.map((receipt) => receipt.at)), lastError: refusals || null }
      : { lastError: refusals },
  );
  context.report({
    step: 'receipt',
    messageId: id,
    outcome: after.status,
    ...(refusals ? { reason: refusals } : {}),
  });
}

async function keep(context: CycleContext, item: ReceiptListItem): Promise<void> {
  const message = await context.services.repos.outgoing.get(item.messageId);
  if (!message) {
    context.report({
      step: 'receipt',
      messageId: item.messageId,
      outcome: 'skipped',
      detail: 'not here (deleted?)',
    });
    return;
  }
  try {
    const receipt = await verified(context, item, message);
    await context.services.repos.outgoingReceipts.record({
      ...receipt,
      storedAt: context.services.keys.clock.now(),
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    // A receipt that does not verify proves nothing; it is reported and never blocks the feed.
    context.report({
      step: 'receipt',
      messageId: item.messageId,
      outcome: 'failed',
      party: item.recipient,
      reason: error.code,
    });
    return;
  }
  await settleFromReceipts(context, message.id);
}

/** Reads the hub's receipt feed from where the last cycle stopped (SPEC §4, DESIGN §2 step 6). */
export async function collectReceipts(context: CycleContext): Promise<void> {
  const settings = context.services.repos.settings;
  let cursor = await settings.get(RECEIPTS_CURSOR_SETTING);
  for (;;) {
    context.checkLease();
    const query = `?limit=${PAGE}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`;
    const page = receiptPageSchema.parse(
      await retrying(context, null, 'receipt', () => context.client.getJson(`${hubPaths.receipts}${query}`)),
    );
    for (const item of page.items) await keep(context, item);
    if (page.cursor !== null && page.cursor !== cursor) {
      cursor = page.cursor;
      await settings.set(RECEIPTS_CURSOR_SETTING, cursor);
    }
    if (!page.more || page.items.length === 0) return;
  }
}
