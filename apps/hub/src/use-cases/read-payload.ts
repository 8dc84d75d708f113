import type { Readable } from 'node:stream';
import { AppError } from '@cds/domain';
import type { HubContext } from '../hub-context.js';
import { parseByteRange } from '../routes/byte-range.js';

export interface PayloadDownload {
  readonly stream: Readable;
  readonly size: number;
  readonly sha256: string;
  /** Present when a range was served (206). */
  readonly range?: { readonly start: number; readonly end: number };
}

/**
 * GET /v1/messages/:id/payload: only a recipient (a party with a delivery row) may fetch the sealed
 * payload; a download can resume from any byte. The hub cannot read it either way.
 */
export async function readPayload(
  context: HubContext,
  input: { readonly id: string; readonly caller: string; readonly range: string | undefined },
): Promise<PayloadDownload> {
  const message = await context.relay.message(input.id);
  if (!message) throw new AppError('relay.message_not_found', { id: input.id });
  if (!(await context.relay.delivery(input.id, input.caller))) {
    throw new AppError('relay.not_a_recipient', { id: input.id, party: input.caller });
  }
  const size = message.payloadSize;
  const range = parseByteRange(input.range, size);
  if (range.kind === 'unsatisfiable') {
    throw new AppError('relay.range_not_satisfiable', { range: input.range ?? '', size });
  }
  if (range.kind === 'whole') {
    return { stream: await context.blobs.get(message.payloadBlob), size, sha256: message.payloadSha256 };
  }
  const stream = await context.blobs.get(message.payloadBlob, { start: range.start, end: range.end });
  return { stream, size, sha256: message.payloadSha256, range: { start: range.start, end: range.end } };
}
