import { isAppError, type AppError } from '@cds/domain';
import { hubStatusOf } from '../hub-client.js';
import type { CycleContext } from './cycle-context.js';

/**
 * transient: worth trying again (network, hub overloaded or failing);
 * node: nothing this message did — the node's clock, key or registration — so every request fails alike;
 * message: the hub refused this message for good (signature, key, recipients, size).
 * Only an answer in the hub's own error format can be a verdict on a message: a bare status from a
 * proxy or an older hub (transport.hub_refused) is at most the node's problem, so the message stays
 * resendable rather than REJECTED.
 */
export type FaultKind = 'transient' | 'node' | 'message';

export function faultKind(error: AppError): FaultKind {
  if (error.code === 'transport.hub_unreachable') return 'transient';
  const status = hubStatusOf(error);
  if (status === undefined) return 'node';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  if (status === 401 || error.code.startsWith('transport.') || error.code.startsWith('registration.')) {
    return 'node';
  }
  return 'message';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `request`, trying again after a transient fault with exponential backoff; any other error is
 * thrown at once. Each retry is reported, so a slow cycle explains itself.
 */
export async function retrying<T>(
  context: CycleContext,
  messageId: string | null,
  step: Parameters<CycleContext['report']>[0]['step'],
  request: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!isAppError(error) || faultKind(error) !== 'transient' || attempt >= context.retry.attempts) {
        throw error;
      }
      const delay = context.retry.baseDelayMs * 2 ** (attempt - 1);
      context.report({
        step,
        messageId,
        outcome: 'retrying',
        reason: error.code,
        detail: `try ${attempt + 1} of ${context.retry.attempts} in ${delay} ms`,
      });
      await sleep(delay);
    }
  }
}
