import type { Readable } from 'node:stream';
import { AppError, type OutgoingMessage } from '@cds/domain';
import { MAX_ATTACHMENTS, checkDisplayNames, normaliseDisplayName } from '@cds/envelope';
import { assertOutgoingAction, visibleOutgoing, type OutgoingActor } from '../messages/outgoing-access.js';
import type { NodeServices } from '../node-services.js';

/** What one upload from the browser may hold; shown next to 上載資料 (SPEC §2.4 allows far more). */
export const MAX_WEB_ATTACHMENT_BYTES = 200 * 1024 * 1024;

const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/;

export interface AddAttachmentInput {
  readonly id: string;
  readonly version: number;
  readonly displayName: string;
  readonly mediaType: string;
  readonly body: Readable;
}

/**
 * 上載資料 into a READY message (SPEC §3.1 modify): the file is streamed into the blob store
 * (hashed, fsynced, at most MAX_WEB_ATTACHMENT_BYTES) before the row naming it commits, and the
 * names of all its attachments must still make a valid envelope.
 */
export async function addOutgoingAttachment(
  services: NodeServices,
  actor: OutgoingActor,
  input: AddAttachmentInput,
): Promise<OutgoingMessage> {
  const message = await visibleOutgoing(services, actor, input.id);
  assertOutgoingAction(message, actor, 'modify');
  const existing = await services.repos.outgoing.attachments(message.id);
  if (existing.length >= MAX_ATTACHMENTS) {
    throw new AppError('validation.failed', { reason: 'message.too_many_attachments', max: MAX_ATTACHMENTS });
  }
  const displayName = normaliseDisplayName(input.displayName);
  checkDisplayNames([...existing.map((a) => a.displayName), displayName]);
  if (!MEDIA_TYPE.test(input.mediaType)) {
    throw new AppError('validation.failed', { reason: 'message.media_type', mediaType: input.mediaType });
  }
  const blob = await services.blobs.put(input.body, { maxBytes: MAX_WEB_ATTACHMENT_BYTES });
  return services.repos.outgoing.addAttachment(
    message.id,
    input.version,
    { displayName, mediaType: input.mediaType, size: blob.size, sha256: blob.sha256, blob: blob.sha256 },
    services.keys.clock.now(),
  );
}
