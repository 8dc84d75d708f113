import { seesAllOutgoing, type OutgoingActor } from '../messages/outgoing-access.js';
import type { NodeServices } from '../node-services.js';
import { searchMessages, type MessagePage, type MessageSearch } from './search-messages.js';

export type OutgoingCriteria = Omit<MessageSearch, 'box' | 'owner'>;

/**
 * 寄發訊息 as one user sees it (SPEC §7): everyone's messages with `cds.outgoing.all`, otherwise
 * only the messages the user owns. The owner is a condition of the repository's query, so a page
 * holds exactly the user's own messages and the keyset cursor stays exact.
 */
export function listVisibleOutgoing(
  services: NodeServices,
  actor: OutgoingActor,
  criteria: OutgoingCriteria,
): Promise<MessagePage> {
  return searchMessages(services, {
    ...criteria,
    box: 'outgoing',
    ...(seesAllOutgoing(actor) ? {} : { owner: actor.username }),
  });
}
