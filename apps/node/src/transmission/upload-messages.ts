import { AppError, isAppError, storedFailure, type OutgoingMessage, type OutgoingStatus } from '@cds/domain';
import {
  PAYLOAD_MEDIA_TYPE,
  ROUTING_HEADER_FIELD,
  acceptanceResponseSchema,
  hubPaths,
  verifyAcceptanceReceipt,
} from '@cds/contracts';
import { faultPoint } from '@cds/platform';
import { hubStatusOf } from '../hub-client.js';
import { applyOutgoing, patchOutgoing } from '../messages/apply-transition.js';
import { settleFromReceipts } from './collect-receipts.js';
import type { CycleContext } from './cycle-context.js';
import { faultKind, retrying } from './faults.js';

const PAGE = 500;
const PRIORITY_RANK = { URGENT: 0, NORMAL: 1 } as const;

async function allWithStatus(context: CycleContext, status: OutgoingStatus): Promise<OutgoingMessage[]> {
  const found: OutgoingMessage[] = [];
  let after: string | null = null;
  do {
    const page = await context.services.repos.outgoing.list({ status: [status], limit: PAGE, after });
    found.push(...page.items);
    after = page.next;
  } while (after !== null);
  return found;
}

/** PUT of the stored envelope; the hub answers a repeat with the receipt it gave the first time. */
async function upload(context: CycleContext, message: OutgoingMessage): Promise<string> {
  const { headerJws, payloadBlob, payloadSha256, payloadSize } = message;
  if (headerJws === null || payloadBlob === null || payloadSha256 === null || payloadSize === null) {
    throw new AppError('envelope.header_invalid', { detail: `message ${message.id} has no sealed envelope` });
  }
  await patchOutgoing(context.services, message.id, (current) => ({ attempts: current.attempts + 1 }));
  const body = {
    sha256: payloadSha256,
    size: payloadSize,
    mediaType: PAYLOAD_MEDIA_TYPE,
    open: () => context.services.blobs.get(payloadBlob),
  };
  const answer = await retrying(context, message.id, 'upload', () =>
    context.client.putStream(hubPaths.message(message.id), body, { [ROUTING_HEADER_FIELD]: headerJws }),
  );
  faultPoint('node.upload.answered');
  return acceptanceResponseSchema.parse(answer).receipt;
}

/** The receipt must be the pinned hub's, for this message and these exact bytes, before it counts. */
async function keepAcceptance(context: CycleContext, message: OutgoingMessage, jws: string): Promise<void> {
  const receipt = await verifyAcceptanceReceipt(jws, context.hubKey);
  if (
    receipt.messageId !== message.id ||
    receipt.from !== context.services.config.party ||
    receipt.payloadSha256 !== message.payloadSha256
  ) {
    throw new AppError('receipt.invalid', {
      detail: 'the acceptance receipt is for another message or payload',
    });
  }
  const sent = await applyOutgoing(context.services, message.id, 'acceptance_receipt', () => ({
    acceptanceReceipt: jws,
    sentAt: receipt.acceptedAt,
    lastError: null,
  }));
  context.report({ step: 'upload', messageId: message.id, outcome: sent.status });
  // A resent message may already hold every delivery receipt: it is RECEIVED again at once.
  await settleFromReceipts(context, message.id);
}

/** A fault that will recur for every message (hub gone, clock or key refused) ends the uploads. */
function stopsUploads(error: AppError): boolean {
  const kind = faultKind(error);
  return kind === 'transient' || (kind === 'node' && hubStatusOf(error) !== undefined);
}

/**
 * Uploads every PROCESSING message, urgent first, then oldest first (SPEC §4). Returns the fault that
 * stopped the uploads, if one did; the messages it left are SEND_FAIL with its reason.
 */
export async function uploadQueued(
  context: CycleContext,
  stopped: AppError | null,
): Promise<AppError | null> {
  const queue = (await allWithStatus(context, 'PROCESSING')).sort(
    (a, b) =>
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : 1),
  );
  // Progress only (the API's per-message view): what this cycle is about to send, then each in turn.
  for (const message of queue) context.report({ step: 'upload', messageId: message.id, outcome: 'queued' });
  let stop = stopped;
  for (const message of queue) {
    context.checkLease();
    try {
      if (stop) throw stop;
      context.report({ step: 'upload', messageId: message.id, outcome: 'uploading' });
      await keepAcceptance(context, message, await upload(context, message));
    } catch (error) {
      if (!isAppError(error)) throw error;
      const refused = error !== stop && faultKind(error) === 'message';
      const after = await applyOutgoing(
        context.services,
        message.id,
        refused ? 'hub_refusal' : 'send_fail',
        () => ({
          lastError: storedFailure(error),
        }),
      );
      context.report({ step: 'upload', messageId: message.id, outcome: after.status, reason: error.code });
      if (!stop && !refused && stopsUploads(error)) stop = error;
    }
  }
  return stop;
}

/**
 * SEND_FAIL messages (SPEC §3.1, §4): the upload may have committed without the answer arriving, or
 * the hub may have ingested an export, so the receipt is asked for first; when the hub has nothing,
 * the stored envelope is uploaded again. Either way an acceptance receipt makes the message SENT; a
 * refusal is kept as the reason and the message stays SEND_FAIL for the key holder to decide.
 */
export async function recoverFailed(
  context: CycleContext,
  stopped: AppError | null,
): Promise<AppError | null> {
  if (stopped) return stopped;
  for (const message of await allWithStatus(context, 'SEND_FAIL')) {
    context.checkLease();
    try {
      let jws: string;
      try {
        const answer = await retrying(context, message.id, 'acceptance', () =>
          context.client.getJson(hubPaths.acceptanceReceipt(message.id)),
        );
        jws = acceptanceResponseSchema.parse(answer).receipt;
      } catch (error) {
        if (!isAppError(error) || error.code !== 'relay.message_not_found') throw error;
        jws = await upload(context, message);
      }
      await keepAcceptance(context, message, jws);
    } catch (error) {
      if (!isAppError(error)) throw error;
      await patchOutgoing(context.services, message.id, () => ({ lastError: storedFailure(error) }));
      context.report({ step: 'acceptance', messageId: message.id, outcome: 'SEND_FAIL', reason: error.code });
      if (stopsUploads(error)) return error;
    }
  }
  return null;
}
