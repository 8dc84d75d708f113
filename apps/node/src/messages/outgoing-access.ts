import {
  AppError,
  assertMayPerform,
  hasRight,
  transitionOutgoing,
  type Group,
  type OutgoingAction,
  type OutgoingMessage,
} from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { distinctIds, outcomeOf, type MessageOutcome } from './outcome.js';

/** The logged-in user an outgoing action is for. */
export interface OutgoingActor {
  readonly username: string;
  readonly groups: readonly Group[];
}

/** SPEC §7: `cds.outgoing.all` sees and acts on everyone's messages, the rest only on their own. */
export function seesAllOutgoing(actor: OutgoingActor): boolean {
  return hasRight(actor.groups, 'cds.outgoing.all');
}

/**
 * The message, if this user may see it: another user's message is refused as forbidden for a user
 * who sees only their own (the list never showed it to them).
 */
export async function visibleOutgoing(
  services: NodeServices,
  actor: OutgoingActor,
  id: string,
): Promise<OutgoingMessage> {
  const message = await services.repos.outgoing.get(id.trim().toLowerCase());
  if (!message) throw new AppError('message.not_found', { id });
  if (message.owner !== actor.username && !seesAllOutgoing(actor)) {
    throw new AppError('auth.forbidden', { right: 'cds.outgoing.all' });
  }
  return message;
}

/** Throws unless the machine allows `action` now and this user may cause it (owner or right). */
export function assertOutgoingAction(
  message: OutgoingMessage,
  actor: OutgoingActor,
  action: OutgoingAction,
): void {
  const { who } = transitionOutgoing(message.status, action);
  assertMayPerform(actor.groups, who, { isOwner: message.owner === actor.username });
}

/**
 * A multi-selection checked message by message before a batch use case runs: only outgoing ids
 * this user may act on go ahead; the others come back as refused outcomes with the reason.
 */
export async function screenOutgoing(
  services: NodeServices,
  actor: OutgoingActor,
  ids: readonly string[],
  action: OutgoingAction,
): Promise<{ allowed: string[]; refused: MessageOutcome[] }> {
  const allowed: string[] = [];
  const refused: MessageOutcome[] = [];
  for (const id of distinctIds(ids)) {
    const outcome = await outcomeOf(id, async () => {
      assertOutgoingAction(await visibleOutgoing(services, actor, id), actor, action);
      return {};
    });
    if (outcome.ok) allowed.push(id);
    else refused.push(outcome);
  }
  return { allowed, refused };
}
