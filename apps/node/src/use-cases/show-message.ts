import { AppError } from '@cds/domain';
import { attachmentView, incomingView, outgoingView, receiptView } from '../messages/message-view.js';
import type { NodeServices } from '../node-services.js';

/**
 * One message with its attachments, wherever it is: ids are UUIDv7 across both boxes, and a node
 * never sends to itself, so an id names at most one row here. An outgoing message carries the
 * hub's acceptance receipt and its recipients' receipts; an incoming one the delivery receipt this
 * node signed.
 */
export async function showMessage(services: NodeServices, id: string) {
  const key = id.trim().toLowerCase();
  const outgoing = await services.repos.outgoing.get(key);
  if (outgoing) {
    return {
      ...outgoingView(outgoing),
      attachments: (await services.repos.outgoing.attachments(key)).map(attachmentView),
      acceptanceReceipt: outgoing.acceptanceReceipt,
      receipts: (await services.repos.outgoingReceipts.forMessage(key)).map(receiptView),
    };
  }
  const incoming = await services.repos.incoming.get(key);
  if (incoming) {
    return {
      ...incomingView(incoming),
      attachments: (await services.repos.incoming.attachments(key)).map(attachmentView),
      deliveryReceipt: incoming.deliveryReceipt,
    };
  }
  throw new AppError('message.not_found', { id: key });
}

export type MessageDetails = Awaited<ReturnType<typeof showMessage>>;
