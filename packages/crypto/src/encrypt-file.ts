/**
 * File-to-file encryption (`cds age encrypt`) without the stream machinery: the input's size is known,
 * so every batch's chunk counters, last-chunk flag and output offset are known before it is read. Each
 * batch is read straight into its slot of a small reused ring (readv at 64 KiB + 16 strides), sealed in
 * place by the worker pool or this thread, and written at its own offset, possibly out of order; no
 * plaintext or ciphertext is copied in user space and nothing is allocated per batch. Anything that is
 * not a regular file (a pipe, a device) goes through encryptStream instead. The bytes written are the
 * same format as encryptStream's (the age -d interop test opens both).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@cds/domain';
import { encodeHeader } from './age-header.js';
import { FILE_KEY_BYTES, validateRecipients, wrapFileKey, type Recipient } from './age-recipients.js';
import { CHUNK_BYTES, PAYLOAD_NONCE_BYTES, PayloadSealer, SEALED_CHUNK_BYTES } from './age-stream.js';
import { encryptStream } from './encrypt-stream.js';
import {
  BATCH_CHUNKS,
  batchBuffer,
  PARALLEL_FROM_BYTES,
  SEAL_WORKERS,
  sealBatch,
  sealInPlace,
  type BatchLayout,
} from './seal-pool.js';

/** Batches read, sealing or being written at once: keeps every worker and this thread busy. */
const RING_SLOTS = 2 * SEAL_WORKERS + 2;

async function readFully(
  input: FileHandle,
  views: Buffer[],
  position: number,
  expected: number,
): Promise<void> {
  let done = 0;
  while (done < expected) {
    // Skip the views already filled; a short read (rare on regular files) resumes mid-view.
    let skip = done;
    const rest: Buffer[] = [];
    for (const view of views) {
      if (skip >= view.length) skip -= view.length;
      else {
        rest.push(skip ? view.subarray(skip) : view);
        skip = 0;
      }
    }
    const { bytesRead } = await input.readv(rest, position + done);
    if (bytesRead === 0) throw new AppError('age.input_changed', {});
    done += bytesRead;
  }
}

async function writeFully(output: FileHandle, data: Buffer, position: number): Promise<void> {
  for (let done = 0; done < data.length;) {
    const { bytesWritten } = await output.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

/** The chunks of one batch, with their plaintext lengths (only the file's last chunk may be short). */
function layoutOf(first: number, totalChunks: number, size: number): BatchLayout & { bytes: number } {
  const chunks = Math.min(BATCH_CHUNKS, totalChunks - first);
  const final = first + chunks === totalChunks;
  const bytes = final ? size - first * CHUNK_BYTES : chunks * CHUNK_BYTES;
  return { counter: first, chunks, finalLength: final ? bytes - (chunks - 1) * CHUNK_BYTES : -1, bytes };
}

async function encryptRegularFile(
  recipients: readonly Recipient[],
  input: FileHandle,
  size: number,
  output: FileHandle,
): Promise<void> {
  const fileKey = randomBytes(FILE_KEY_BYTES);
  const header = encodeHeader(await wrapFileKey(recipients, fileKey), fileKey);
  const nonce = randomBytes(PAYLOAD_NONCE_BYTES);
  const start = Buffer.concat([header, nonce]);
  await writeFully(output, start, 0);
  const { key } = new PayloadSealer(fileKey, nonce);
  const parallel = size >= PARALLEL_FROM_BYTES;
  // An empty file still has one (empty, final) chunk.
  const totalChunks = Math.max(1, Math.ceil(size / CHUNK_BYTES));
  const free: Buffer[] = [];
  const inFlight = new Set<Promise<void>>();
  try {
    for (let first = 0; first < totalChunks; first += BATCH_CHUNKS) {
      while (inFlight.size >= RING_SLOTS) await Promise.race(inFlight);
      const slot = free.pop() ?? batchBuffer(BATCH_CHUNKS);
      const layout = layoutOf(first, totalChunks, size);
      const views: Buffer[] = [];
      for (let i = 0, left = layout.bytes; left > 0; i++, left -= CHUNK_BYTES) {
        views.push(
          slot.subarray(i * SEALED_CHUNK_BYTES, i * SEALED_CHUNK_BYTES + Math.min(left, CHUNK_BYTES)),
        );
      }
      await readFully(input, views, first * CHUNK_BYTES, layout.bytes);
      const at = start.length + first * SEALED_CHUNK_BYTES;
      const sealed = parallel
        ? sealBatch(slot, key, layout)
        : Promise.resolve({ buffer: slot, length: sealInPlace(slot, key, layout) });
      const job = sealed.then(async ({ buffer, length }) => {
        await writeFully(output, buffer.subarray(0, length), at);
        free.push(buffer);
      });
      inFlight.add(job);
      job.then(
        () => inFlight.delete(job),
        () => undefined,
      );
    }
    await Promise.all(inFlight);
  } finally {
    // On failure, let the batches under way settle before the caller closes the files under them.
    await Promise.allSettled(inFlight);
  }
  // A file that grew while being read would be encrypted cut short without a word: refuse it.
  const { bytesRead } = await input.read(Buffer.alloc(1), 0, 1, size);
  if (bytesRead !== 0) throw new AppError('age.input_changed', {});
}

/**
 * Encrypts the file at `inputPath` to every recipient into `outputPath` (created or truncated, mode
 * 0600). Recipient errors are thrown before either file is opened.
 */
export async function encryptFile(
  recipients: readonly Recipient[],
  inputPath: string,
  outputPath: string,
): Promise<void> {
  validateRecipients(recipients);
  const input = await open(inputPath, 'r');
  try {
    const stat = await input.stat();
    const output = await open(outputPath, 'w', 0o600);
    try {
      if (stat.isFile()) await encryptRegularFile(recipients, input, stat.size, output);
      else {
        // Streams over the raw descriptors: FileHandle streams would keep the handles from closing.
        await pipeline(
          createReadStream('', { fd: input.fd, autoClose: false, highWaterMark: BATCH_CHUNKS * CHUNK_BYTES }),
          encryptStream(recipients),
          createWriteStream('', { fd: output.fd, autoClose: false }),
        );
      }
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}
