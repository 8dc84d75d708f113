import {
  isAppError,
  type AppError,
  transitionIncoming,
  type IncomingMessage,
  type IncomingStatus,
} from '@cds/domain';
import { hubPaths, mailboxPageSchema, type MailboxItem } from '@cds/contracts';
import type { RoutingHeader } from '@cds/envelope';
import { faultPoint } from '@cds/platform';
import { answerKnown, noteAcknowledged, refuse } from './answer-known.js';
import { settleAtHub, signDeliveryReceipt } from './answer-delivery.js';
import { checkDeliveryHeader } from './check-delivery-header.js';
import type { CycleContext } from './cycle-context.js';
import { downloadPayload } from './download-payload.js';
import { faultKind, retrying } from './faults.js';

const PAGE = 100;

/** A failed check that condemns the delivery itself, as opposed to a fault of the line or the node. */
function isVerdict(error: AppError): boolean {
  return error.code.startsWith('envelope.') || error.code === 'validation.failed';
}

/** The new ENCRYPTED row of a verified delivery, downloaded or imported from a bundle (SPEC §3.2). */
export function incomingFrom(
  item: MailboxItem,
  header: RoutingHeader,
  now: number,
  deliveryReceipt: string,
  arrival: 'download' | 'import_bundle' = 'download',
): IncomingMessage {
  return {
    id: header.id,
    subject: header.subject,
    type: header.type,
    priority: header.priority,
    encryptionLevel: header.encryptionLevel,
    description: header.description,
    schoolReference: header.schoolReference,
    replyDeadline: header.replyDeadline,
    replyToId: header.replyTo,
    from: header.from,
    status: transitionIncoming('NEW', arrival).to as IncomingStatus,
    receivedAt: now,
    updatedAt: now,
    read: false,
    decryptedBy: null,
    decryptedAt: null,
    importedBy: null,
    importedAt: null,
    importResult: null,
    businessState: null,
    lastError: null,
    archived: false,
    version: 1,
    headerJws: item.headerJws,
    payloadSha256: header.payloadSha256,
    payloadSize: header.payloadSize,
    deliveryReceipt,
    acknowledgedAt: null,
  };
}

/**
 * One new delivery (DESIGN §2 step 5): header checked, payload stored durably and verified, the
 * message inserted ENCRYPTED with its delivery receipt already signed — and only then acknowledged.
 * A crash before the ack leaves the delivery pending at the hub; the next cycle finds it stored and
 * sends the same receipt again.
 */
async function receiveNew(context: CycleContext, item: MailboxItem): Promise<void> {
  const { services } = context;
  let header: RoutingHeader;
  try {
    header = await checkDeliveryHeader(services, item, services.keys.clock.now());
    context.report({ step: 'download', messageId: item.messageId, outcome: 'downloading', party: item.from });
    await downloadPayload(context, item);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'directory.key_not_chained') {
      context.report({
        step: 'download',
        messageId: item.messageId,
        outcome: 'skipped',
        party: item.from,
        reason: error.code,
      });
      return;
    }
    if (!isVerdict(error)) throw error;
    await refuse(context, item, error.code);
    return;
  }
  const now = services.keys.clock.now();
  const receipt = await signDeliveryReceipt(context, item);
  const message = incomingFrom(item, header, now, receipt);
  const stored = await services.repos.incoming.insertIfNew(message, item.payloadSha256);
  if (!stored) {
    await answerKnown(context, item);
    return;
  }
  context.report({ step: 'download', messageId: item.messageId, outcome: 'ENCRYPTED', party: item.from });
  faultPoint('node.download.stored');
  await noteAcknowledged(context, message.id, await settleAtHub(context, item.messageId, 'ack', receipt));
}

/**
 * Downloads the mailbox (SPEC §4): every pending delivery, oldest first. Settled deliveries leave the
 * mailbox, so nothing needs remembering between cycles; one that fails on the line stays pending
 * and comes back next time. Returns the fault that stopped the downloads, if one did.
 */
export async function receiveMailbox(context: CycleContext): Promise<AppError | null> {
  let cursor: string | null = null;
  for (;;) {
    context.checkLease();
    const query = `?limit=${PAGE}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`;
    const page = mailboxPageSchema.parse(
      await retrying(context, null, 'download', () => context.client.getJson(`${hubPaths.mailbox}${query}`)),
    );
    for (const item of page.items) {
      context.checkLease();
      try {
        if (!(await answerKnown(context, item))) await receiveNew(context, item);
      } catch (error) {
        if (!isAppError(error)) throw error;
        context.report({
          step: 'download',
          messageId: item.messageId,
          outcome: 'failed',
          party: item.from,
          reason: error.code,
        });
        if (faultKind(error) !== 'message') return error;
      }
    }
    if (!page.more || page.items.length === 0) return null;
    cursor = page.cursor;
  }
}
