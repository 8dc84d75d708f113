import { hasRight, type Group } from '@cds/domain';
import type { OutgoingView } from '../messages/message-view.js';
import type { NodeServices } from '../node-services.js';
import { listMessages } from './list-messages.js';

export interface ListVisibleOutgoingInput {
  readonly username: string;
  readonly groups: readonly Group[];
  readonly status?: readonly string[];
  readonly archived?: boolean;
  readonly text?: string;
  readonly limit: number;
}

/**
 * 寄發訊息 as one user sees it (SPEC §7): everyone's messages with `cds.outgoing.all`, otherwise
 * only the messages the user owns.
 */
export async function listVisibleOutgoing(
  services: NodeServices,
  input: ListVisibleOutgoingInput,
): Promise<OutgoingView[]> {
  const seesAll = hasRight(input.groups, 'cds.outgoing.all');
  const found = await listMessages(services, {
    box: 'outgoing',
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.archived !== undefined ? { archived: input.archived } : {}),
    ...(input.text !== undefined ? { text: input.text } : {}),
    // Until the repository filters by owner, a user who sees only their own scans a bounded window.
    limit: seesAll ? input.limit : Math.max(input.limit, 2_000),
  });
  const outgoing = found.filter((message): message is OutgoingView => message.box === 'outgoing');
  return (seesAll ? outgoing : outgoing.filter((message) => message.owner === input.username)).slice(
    0,
    input.limit,
  );
}
