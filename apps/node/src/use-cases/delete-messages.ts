import {
  AppError,
  transitionIncoming,
  transitionOutgoing,
  type Box,
  type IncomingMessage,
  type OutgoingMessage,
} from '@cds/domain';
import { distinctIds, outcomeOf, type MessageOutcome } from '../messages/outcome.js';
import type { NodeServices } from '../node-services.js';

export type DeleteOutcome = MessageOutcome<{ box: Box; message: { status: 'DELETED' } }>;

type Found =
  | { readonly box: 'outgoing'; readonly message: OutgoingMessage }
  | { readonly box: 'incoming'; readonly message: IncomingMessage };

/** Ids are UUIDv7 across both boxes, so an id names at most one message here. */
export async function findMessage(services: NodeServices, id: string): Promise<Found> {
  const outgoing = await services.repos.outgoing.get(id);
  if (outgoing) return { box: 'outgoing', message: outgoing };
  const incoming = await services.repos.incoming.get(id);
  if (incoming) return { box: 'incoming', message: incoming };
  throw new AppError('message.not_found', { id });
}

async function deleteOne(services: NodeServices, id: string, actor: string): Promise<Box> {
  const found = await findMessage(services, id);
  const deletedAt = services.keys.clock.now();
  if (found.box === 'outgoing') {
    // READY, REJECTED and SEND_FAIL only: a sealed message on its way or delivered is evidence.
    transitionOutgoing(found.message.status, 'delete');
    await services.repos.outgoing.delete(id, {
      box: 'outgoing',
      party: services.config.party,
      messageId: id,
      deletedAt,
      deletedBy: actor,
    });
  } else {
    transitionIncoming(found.message.status, 'delete');
    // The tombstone is (sender, id): a later download or import of the same message stores nothing.
    await services.repos.incoming.delete(id, {
      box: 'incoming',
      party: found.message.from,
      messageId: id,
      deletedAt,
      deletedBy: actor,
    });
  }
  await services.repos.securityEvents.record({
    id: services.keys.ids.next(),
    at: deletedAt,
    kind: 'message.deleted',
    actor,
    detail: {
      box: found.box,
      messageId: id,
      status: found.message.status,
      subject: found.message.subject,
      description: found.message.description,
    },
  });
  return found.box;
}

/**
 * 刪除 (SPEC §3.1, §3.2), on a multi-selection from either box: each message the state machine
 * allows is removed with its attachments, leaving a tombstone and an audit event; the others are
 * reported and left as they were. Attachment blobs stay in the content-addressed store (another
 * message may share them); nothing reachable refers to them any more.
 */
export async function deleteMessages(
  services: NodeServices,
  input: { readonly ids: readonly string[]; readonly actor: string },
): Promise<DeleteOutcome[]> {
  const outcomes: DeleteOutcome[] = [];
  for (const id of distinctIds(input.ids)) {
    outcomes.push(
      await outcomeOf(id, async () => ({
        box: await deleteOne(services, id, input.actor),
        message: { status: 'DELETED' as const },
      })),
    );
  }
  return outcomes;
}
