import { visibleOutgoing, type OutgoingActor } from '../messages/outgoing-access.js';
import type { NodeServices } from '../node-services.js';
import { showMessage } from './show-message.js';

/**
 * 編修訊息 → 檢視: one outgoing message with its attachments and receipts, as this user may see it
 * (their own, or any with `cds.outgoing.all`), plus each time it was exported (time, user, file).
 */
export async function showOutgoingMessage(services: NodeServices, actor: OutgoingActor, id: string) {
  const message = await visibleOutgoing(services, actor, id);
  const details = await showMessage(services, message.id);
  const exports = await services.repos.bundles.exports(message.id);
  return {
    ...details,
    version: message.version,
    exports: exports.map((move) => ({ at: new Date(move.at).toISOString(), by: move.by, file: move.file })),
  };
}
