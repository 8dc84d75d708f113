import type { Readable } from 'node:stream';
import { AppError, isAppError, type BlobRef } from '@cds/domain';
import { hubPaths, type MailboxItem } from '@cds/contracts';
import { faultPoint } from '@cds/platform';
import type { CycleContext } from './cycle-context.js';
import { faultKind } from './faults.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The payload's bytes, resuming with an HTTP Range from the last byte received when the connection
 * breaks, so a large download survives a flaky line without starting over. Gives up after the
 * cycle's retry budget of consecutive failures.
 */
async function* resumableBytes(context: CycleContext, item: MailboxItem): AsyncGenerator<Uint8Array> {
  let offset = 0;
  let failures = 0;
  for (;;) {
    let body: Readable | undefined;
    try {
      body = await context.client.download(
        hubPaths.payload(item.messageId),
        (stream, status) => {
          if (offset > 0 && status !== 206) {
            stream.destroy();
            throw new AppError('transport.hub_unreachable', {
              url: hubPaths.payload(item.messageId),
              detail: 'the hub ignored the range',
            });
          }
          return Promise.resolve(stream);
        },
        offset,
      );
      for await (const chunk of body) {
        const bytes = chunk as Uint8Array;
        offset += bytes.byteLength;
        failures = 0;
        yield bytes;
        if (offset < item.payloadSize) faultPoint('node.download.mid_payload');
      }
      return;
    } catch (error) {
      const transient = !isAppError(error) || faultKind(error) === 'transient';
      failures += 1;
      if (!transient || failures >= context.retry.attempts) {
        throw isAppError(error)
          ? error
          : new AppError(
              'transport.hub_unreachable',
              { url: hubPaths.payload(item.messageId), detail: String(error) },
              { cause: error },
            );
      }
      const delay = context.retry.baseDelayMs * 2 ** (failures - 1);
      context.report({
        step: 'download',
        messageId: item.messageId,
        outcome: 'retrying',
        detail: `resuming at byte ${offset} in ${delay} ms`,
      });
      await sleep(delay);
    } finally {
      body?.destroy();
    }
  }
}

/**
 * Streams the payload into the blob store, which checks size and SHA-256 against what the verified
 * header promised and fsyncs before this resolves. A payload that is not those bytes is
 * envelope.payload_hash_mismatch: a reason to refuse the delivery, not to retry it.
 */
export async function downloadPayload(context: CycleContext, item: MailboxItem): Promise<BlobRef> {
  try {
    return await context.services.blobs.put(resumableBytes(context, item), {
      maxBytes: item.payloadSize,
      expectedSha256: item.payloadSha256,
    });
  } catch (error) {
    if (isAppError(error) && (error.code === 'blob.integrity' || error.code === 'blob.too_large')) {
      throw new AppError(
        'envelope.payload_hash_mismatch',
        {
          detail:
            error.code === 'blob.too_large'
              ? 'it is longer than the header states'
              : 'its SHA-256 differs from the header',
        },
        { cause: error },
      );
    }
    throw error;
  }
}
