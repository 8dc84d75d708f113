import type { EncryptionLevel, OutgoingMessage, Priority } from '@cds/domain';
import { assertOutgoingAction, visibleOutgoing, type OutgoingActor } from '../messages/outgoing-access.js';
import type { NodeServices } from '../node-services.js';
import { checkFields } from './create-outgoing-message.js';

export interface ModifyOutgoingInput {
  readonly id: string;
  /** The version the user edited; a message changed since then is refused, never overwritten. */
  readonly version: number;
  readonly to: readonly string[];
  readonly subject: string;
  readonly type: string;
  readonly description: string;
  readonly priority: Priority;
  readonly encryptionLevel: EncryptionLevel;
  readonly schoolReference: string | null;
  readonly replyDeadline: number | null;
}

/**
 * 編修訊息 → 修改 (SPEC §3.1): a READY message's fields, by its owner or a `cds.outgoing.all` user,
 * checked with the same rules as a new message. Any other status is refused by the machine.
 */
export async function modifyOutgoingMessage(
  services: NodeServices,
  actor: OutgoingActor,
  input: ModifyOutgoingInput,
): Promise<OutgoingMessage> {
  const message = await visibleOutgoing(services, actor, input.id);
  assertOutgoingAction(message, actor, 'modify');
  const to = checkFields(services, { ...input, attachments: [], owner: message.owner });
  return services.repos.outgoing.update(message.id, input.version, {
    to,
    subject: input.subject,
    type: input.type,
    description: input.description.trim(),
    priority: input.priority,
    encryptionLevel: input.encryptionLevel,
    schoolReference: input.schoolReference,
    replyDeadline: input.replyDeadline,
    updatedAt: services.keys.clock.now(),
  });
}
