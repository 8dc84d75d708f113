import { AppError, assertMayPerform, transitionIncoming, type OutgoingMessage } from '@cds/domain';
import { MAX_DESCRIPTION_CHARS } from '@cds/envelope';
import type { NodeServices } from '../node-services.js';
import { createOutgoingMessage } from './create-outgoing-message.js';

const REPLY_PREFIX = 'RE: ';

/**
 * 回覆訊息 (SPEC §3.2 `reply`): a READY outgoing message to the sender, with the incoming message's
 * subject, type RPL (reply), its reply-to id and a description "RE: …" the user edits before
 * sealing. Only an opened message may be replied to (the state machine), by `cds.incoming.reply`.
 */
export async function replyToIncoming(
  services: NodeServices,
  input: { readonly id: string; readonly owner: string; readonly groups: readonly string[] },
): Promise<OutgoingMessage> {
  const id = input.id.trim().toLowerCase();
  const incoming = await services.repos.incoming.get(id);
  if (!incoming) throw new AppError('message.not_found', { id });
  const { who } = transitionIncoming(incoming.status, 'reply');
  assertMayPerform(input.groups, who);
  const description = [...`${REPLY_PREFIX}${incoming.description}`].slice(0, MAX_DESCRIPTION_CHARS).join('');
  return createOutgoingMessage(services, {
    to: [incoming.from],
    subject: incoming.subject,
    type: 'RPL',
    description,
    priority: incoming.priority,
    encryptionLevel: incoming.encryptionLevel,
    schoolReference: incoming.schoolReference,
    replyToId: incoming.id,
    attachments: [],
    owner: input.owner,
    sourceModule: 'reply',
  });
}
