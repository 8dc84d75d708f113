import { AppError } from '@cds/domain';
import type { HubContext } from '../hub-context.js';

/**
 * GET /v1/messages/:id/receipt: a sender whose upload may have committed without an answer reaching
 * it (SEND_FAIL) fetches the receipt instead of guessing. Another party's message is reported as
 * absent, so the route says nothing about ids that are not the caller's.
 */
export async function getAcceptanceReceipt(
  context: HubContext,
  input: { readonly id: string; readonly caller: string },
): Promise<{ receipt: string }> {
  const message = await context.relay.message(input.id);
  if (!message || message.sender !== input.caller)
    throw new AppError('relay.message_not_found', { id: input.id });
  return { receipt: message.acceptanceReceipt };
}
