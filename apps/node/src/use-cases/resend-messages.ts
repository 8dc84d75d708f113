import { AppError, isAppError, transitionOutgoing, type OutgoingMessage } from '@cds/domain';
import { sealingKeyFor } from '@cds/directory';
import { applyOutgoing } from '../messages/apply-transition.js';
import { distinctIds, outcomeOf, type MessageOutcome } from '../messages/outcome.js';
import type { NodeServices } from '../node-services.js';

export type ResendOutcome = MessageOutcome<{ message: OutgoingMessage }>;

/**
 * A recipient whose current key is not the one the payload was sealed to could not open it; the
 * hub would relay it anyway, so the node refuses here (SPEC §3.1: 複製為新訊息 instead).
 */
async function checkRecipientKeys(services: NodeServices, message: OutgoingMessage): Promise<void> {
  const known = await services.repos.directory.keys();
  const now = services.keys.clock.now();
  for (const party of message.to) {
    const sealedKid = message.recipientKids?.[party] ?? '(none)';
    let currentKid: string;
    try {
      currentKid = sealingKeyFor(party, known, now).kid;
    } catch (error) {
      if (!isAppError(error)) throw error;
      currentKid = error.code === 'directory.key_not_chained' ? '(unconfirmed)' : '(none)';
    }
    if (currentKid !== sealedKid) {
      throw new AppError('message.recipient_key_changed', { party, sealedKid, currentKid });
    }
  }
}

/**
 * 再傳送 (SPEC §3.1): the stored envelope goes back in the queue unchanged. The hub recognises the
 * same id and payload and answers with the original acceptance receipt, so the recipient never
 * gets a second copy; the message returns to RECEIVED once the delivery receipt is known.
 */
export async function resendMessages(
  services: NodeServices,
  input: { readonly ids: readonly string[]; readonly actor: string },
): Promise<ResendOutcome[]> {
  const outcomes: ResendOutcome[] = [];
  for (const id of distinctIds(input.ids)) {
    outcomes.push(
      await outcomeOf(id, async () => {
        const message = await services.repos.outgoing.get(id);
        if (!message) throw new AppError('message.not_found', { id });
        transitionOutgoing(message.status, 'resend');
        await checkRecipientKeys(services, message);
        return { message: await applyOutgoing(services, id, 'resend', () => ({ lastError: null })) };
      }),
    );
  }
  return outcomes;
}
