import type { Readable } from 'node:stream';
import { AppError, isAppError, type BlobRef, type RelayedMessage } from '@cds/domain';
import { ACCEPTANCE_RECEIPT_FORMAT, signReceipt } from '@cds/contracts';
import { decodeHeader, type RoutingHeader } from '@cds/envelope';
import { faultPoint } from '@cds/platform';
import { checkBodyDigest } from '@cds/transport';
import type { HubContext } from '../hub-context.js';
import { checkRoutingHeader } from './check-routing-header.js';

export interface UploadRequest {
  /** The message id of the path. */
  readonly id: string;
  /** The party whose transport key signed the request. */
  readonly caller: string;
  /** The signed Content-Digest and its hex SHA-256. */
  readonly contentDigest: string;
  readonly signedSha256: string;
  readonly headerJws: string | undefined;
  readonly contentLength: number | undefined;
  /** The request body, not yet read. */
  readonly body: Readable;
}

export interface UploadResult {
  /** false when the message was already stored: a resend, or a concurrent twin that won. */
  readonly created: boolean;
  readonly receipt: string;
}

/**
 * Same id, same sender, same payload: the original receipt, so a resend or a retry after a lost
 * answer changes nothing. Anything else under that id is a different message and is refused.
 */
function repeatOf(stored: RelayedMessage, header: RoutingHeader): UploadResult {
  if (stored.sender !== header.from || stored.payloadSha256 !== header.payloadSha256) {
    throw new AppError('relay.id_conflict', { id: stored.id });
  }
  return { created: false, receipt: stored.acceptanceReceipt };
}

/**
 * Passes the body on while insisting on exactly `size` bytes, so a short or long body fails before
 * the blob store publishes anything. The request is not destroyed on the way out: the server still
 * has to answer on that connection.
 */
async function* exactly(body: Readable, size: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > size)
      throw new AppError('relay.size_mismatch', { actual: `more than ${size}`, expected: size });
    yield chunk;
    if (seen < size) faultPoint('hub.upload.mid_payload');
  }
  if (seen !== size) throw new AppError('relay.size_mismatch', { actual: seen, expected: size });
  faultPoint('hub.upload.body_received');
}

/** Streams exactly the promised bytes into the blob store (fsynced, hash checked against the header). */
export async function storePayload(
  context: HubContext,
  body: Readable,
  header: RoutingHeader,
): Promise<BlobRef> {
  try {
    return await context.blobs.put(exactly(body, header.payloadSize), {
      maxBytes: header.payloadSize,
      expectedSha256: header.payloadSha256,
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'blob.integrity') {
      throw new AppError('envelope.payload_hash_mismatch', {
        detail: `received sha-256 ${String(error.details['actual'])}, the header says ${header.payloadSha256}`,
      });
    }
    throw error;
  }
}

/** What an upload (or an ingested bundle's message) comes to once its header has been checked. */
export type Screened = { readonly repeat: UploadResult } | { readonly header: RoutingHeader };

/**
 * Everything the hub checks before it reads a byte of the payload (SPEC §2.3, §4), for an upload
 * and for each message of an ingested bundle alike: the header names this id and this sender, a
 * stored message under the id is this one (a repeat) or a conflict, the header's signature and key
 * validity, its recipients, and the size limit.
 */
export async function screenUpload(
  context: HubContext,
  input: { readonly id: string; readonly caller: string; readonly headerJws: string | undefined },
  now: number,
): Promise<Screened> {
  if (input.headerJws === undefined) {
    throw new AppError('envelope.header_invalid', { detail: 'the cds-header request header is missing' });
  }
  const decoded = decodeHeader(input.headerJws).fields;
  if (decoded.id !== input.id)
    throw new AppError('relay.id_mismatch', { id: input.id, headerId: decoded.id });
  if (decoded.from !== input.caller) {
    throw new AppError('relay.sender_mismatch', { from: decoded.from, party: input.caller });
  }
  const stored = await context.relay.message(input.id);
  if (stored) return { repeat: repeatOf(stored, decoded) };

  const header = await checkRoutingHeader(context, input.headerJws, decoded, now);
  if (header.payloadSize > context.limits.maxPayloadBytes) {
    throw new AppError('relay.too_large', {
      size: header.payloadSize,
      limit: context.limits.maxPayloadBytes,
    });
  }
  return { header };
}

/** The message as the relay stores it, with the hub-signed acceptance receipt of this moment. */
export async function acceptedMessage(
  context: HubContext,
  header: RoutingHeader,
  headerJws: string,
  blob: BlobRef,
): Promise<RelayedMessage> {
  const acceptedAt = context.clock.now();
  const receipt = await signReceipt(
    {
      format: ACCEPTANCE_RECEIPT_FORMAT,
      messageId: header.id,
      from: header.from,
      to: header.to,
      payloadSha256: blob.sha256,
      payloadSize: blob.size,
      acceptedAt,
      hubKid: context.hubKey.kid,
    },
    context.hubKey,
  );
  return {
    id: header.id,
    sender: header.from,
    headerJws,
    payloadSha256: blob.sha256,
    payloadSize: blob.size,
    payloadBlob: blob.sha256,
    acceptedAt,
    acceptanceReceipt: receipt,
  };
}

/**
 * PUT /v1/messages/:id (SPEC §4, DESIGN §2 step 3): everything that can be checked without the
 * payload is checked first; the payload is streamed into the blob store (fsynced, hash verified)
 * and only then is the message committed, with one delivery per recipient, and the hub-signed
 * acceptance receipt returned.
 */
export async function acceptUpload(context: HubContext, request: UploadRequest): Promise<UploadResult> {
  const now = context.clock.now();
  const screened = await screenUpload(context, request, now);
  if ('repeat' in screened) {
    request.body.resume();
    return screened.repeat;
  }
  const { header } = screened;
  if (request.contentLength !== undefined && request.contentLength !== header.payloadSize) {
    throw new AppError('relay.size_mismatch', {
      actual: request.contentLength,
      expected: header.payloadSize,
    });
  }
  // The body must match both what the transport signature covers and what the header promises;
  // when those two differ already, no body can, and nothing need be read.
  if (request.signedSha256 !== header.payloadSha256) {
    throw new AppError('transport.bad_digest', {
      detail: `the signed Content-Digest is not the routing header's payloadSha256 ${header.payloadSha256}`,
    });
  }
  const blob = await storePayload(context, request.body, header);
  checkBodyDigest(request.contentDigest, blob.sha256);
  faultPoint('hub.upload.blob_synced');

  const message = await acceptedMessage(context, header, request.headerJws ?? '', blob);
  const result = await context.relay.accept(message, header.to);
  faultPoint('hub.upload.committed');
  return result.created
    ? { created: true, receipt: message.acceptanceReceipt }
    : repeatOf(result.message, header);
}
