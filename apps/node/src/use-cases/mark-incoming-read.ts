import type { IncomingMessage } from '@cds/domain';
import { applyIncoming } from '../messages/apply-transition.js';
import { distinctIds, outcomeOf, type MessageOutcome } from '../messages/outcome.js';
import type { NodeServices } from '../node-services.js';

export type ReadOutcome = MessageOutcome<{ message: IncomingMessage }>;

/**
 * 標示為已讀 / 未讀 (SPEC §3.2 "mark read / unread"), on a multi-selection of incoming messages:
 * the status stays; opening a message in the web app marks it read the same way.
 */
export async function markIncomingRead(
  services: NodeServices,
  input: { readonly ids: readonly string[]; readonly read: boolean },
): Promise<ReadOutcome[]> {
  const action = input.read ? 'mark_read' : 'mark_unread';
  const outcomes: ReadOutcome[] = [];
  for (const id of distinctIds(input.ids)) {
    outcomes.push(
      await outcomeOf(id, async () => ({
        message: await applyIncoming(services, id, action, () => ({ read: input.read })),
      })),
    );
  }
  return outcomes;
}
