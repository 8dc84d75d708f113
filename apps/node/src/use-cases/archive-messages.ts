import type { Box, IncomingMessage, OutgoingMessage } from '@cds/domain';
import { applyIncoming, applyOutgoing } from '../messages/apply-transition.js';
import { distinctIds, outcomeOf, type MessageOutcome } from '../messages/outcome.js';
import type { NodeServices } from '../node-services.js';
import { findMessage } from './delete-messages.js';

export type ArchiveOutcome = MessageOutcome<{ box: Box; message: OutgoingMessage | IncomingMessage }>;

/**
 * 庫存 / 取消庫存 (SPEC §3, §6) on a multi-selection from either box: the archived flag moves, the
 * status stays. The state machines decide which statuses may be archived (an outgoing message only
 * once it has left READY/PROCESSING); archiving an archived message again is harmless and succeeds.
 */
export async function archiveMessages(
  services: NodeServices,
  input: { readonly ids: readonly string[]; readonly archived: boolean },
): Promise<ArchiveOutcome[]> {
  const action = input.archived ? 'archive' : 'unarchive';
  const outcomes: ArchiveOutcome[] = [];
  for (const id of distinctIds(input.ids)) {
    outcomes.push(
      await outcomeOf(id, async () => {
        const { box } = await findMessage(services, id);
        const message =
          box === 'outgoing'
            ? await applyOutgoing(services, id, action, () => ({ archived: input.archived }))
            : await applyIncoming(services, id, action, () => ({ archived: input.archived }));
        return { box, message };
      }),
    );
  }
  return outcomes;
}
