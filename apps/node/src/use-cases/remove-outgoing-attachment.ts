import type { OutgoingMessage } from '@cds/domain';
import { assertOutgoingAction, visibleOutgoing, type OutgoingActor } from '../messages/outgoing-access.js';
import type { NodeServices } from '../node-services.js';

/** Removes one attachment of a READY message (the blob stays: the store is content-addressed). */
export async function removeOutgoingAttachment(
  services: NodeServices,
  actor: OutgoingActor,
  input: { readonly id: string; readonly version: number; readonly ordinal: number },
): Promise<OutgoingMessage> {
  const message = await visibleOutgoing(services, actor, input.id);
  assertOutgoingAction(message, actor, 'modify');
  return services.repos.outgoing.removeAttachment(
    message.id,
    input.version,
    input.ordinal,
    services.keys.clock.now(),
  );
}
