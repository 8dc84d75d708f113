import { resolve } from 'node:path';
import { AppError, type Box } from '@cds/domain';
import { copyBlobToNewFile } from '../messages/copy-blob.js';
import type { NodeServices } from '../node-services.js';

export interface WrittenPayload {
  readonly id: string;
  readonly box: Box;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * The sealed payload (payload.age) of a message as a file, streamed from the blob store and checked
 * against the hash its routing header names: for `age -d` by hand, for support, or to carry to a
 * machine that opens it offline. It is ciphertext, so no School Key is asked for. An outgoing
 * message has one once sealed; an incoming one from the moment it was downloaded.
 */
export async function writeMessagePayload(
  services: NodeServices,
  input: { readonly id: string; readonly out: string },
): Promise<WrittenPayload> {
  const id = input.id.trim().toLowerCase();
  const path = resolve(input.out);
  const outgoing = await services.repos.outgoing.get(id);
  if (outgoing) {
    const { payloadBlob, payloadSha256, payloadSize } = outgoing;
    if (payloadBlob === null || payloadSha256 === null || payloadSize === null) {
      throw new AppError('message.not_sealed', { id, status: outgoing.status });
    }
    await copyBlobToNewFile(services, payloadBlob, payloadSha256, path);
    return { id, box: 'outgoing', path, size: payloadSize, sha256: payloadSha256 };
  }
  const incoming = await services.repos.incoming.get(id);
  if (!incoming) throw new AppError('message.not_found', { id });
  const blob = await services.repos.incoming.payloadBlob(id);
  if (blob === null || incoming.payloadSha256 === null || incoming.payloadSize === null) {
    throw new AppError('message.not_found', { id });
  }
  await copyBlobToNewFile(services, blob, incoming.payloadSha256, path);
  return { id, box: 'incoming', path, size: incoming.payloadSize, sha256: incoming.payloadSha256 };
}
