import { z } from 'zod';
import { AppError, transitionOutgoing, type OutgoingMessage } from '@cds/domain';
import { applyOutgoing } from '../messages/apply-transition.js';
import type { NodeServices } from '../node-services.js';

const MAX_REASON_CHARS = 200;

/** The reason is shown to the message's owner in the list, so it is one short line. */
const rejectInput = z.object({
  id: z.string().trim().toLowerCase().min(1),
  reason: z
    .string()
    .trim()
    .min(1, 'a reason is required')
    .max(MAX_REASON_CHARS, 'the reason is at most 200 characters')
    .refine((text) => !/[\r\n]/.test(text), 'the reason is one line'),
  actor: z.string().min(1),
});

export type RejectOutgoingInput = z.input<typeof rejectInput>;

/**
 * 處理訊息 → 拒絕 (SPEC §3.1): a key holder turns down a READY message instead of sealing it. The
 * reason is kept as the message's last error so its owner sees why; nothing was sealed, so nothing
 * else changes. Any other status is refused by the outgoing machine.
 */
export async function rejectOutgoingMessage(
  services: NodeServices,
  input: RejectOutgoingInput,
): Promise<OutgoingMessage> {
  const parsed = rejectInput.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => issue.message).join('; ');
    // The reason is what a user types; the id and actor come from the program.
    throw new AppError(
      'validation.failed',
      parsed.error.issues.some((issue) => issue.path[0] === 'reason')
        ? { reason: 'message.reject_reason', max: MAX_REASON_CHARS, detail }
        : { detail },
    );
  }
  const { id, reason } = parsed.data;
  const message = await services.repos.outgoing.get(id);
  if (!message) throw new AppError('message.not_found', { id });
  // Asked before writing so a refusal names the status the user saw.
  transitionOutgoing(message.status, 'reject');
  return applyOutgoing(services, id, 'reject', () => ({ lastError: reason }));
}
