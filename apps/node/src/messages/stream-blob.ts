import type { BlobStore } from '@cds/domain';

/** A blob as a lazily opened stream, for APIs that take a synchronous `open()`. */
export async function* streamBlob(blobs: BlobStore, key: string): AsyncGenerator<Uint8Array> {
  const stream = await blobs.get(key);
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } finally {
    stream.destroy();
  }
}
