/**
 * STREAM chunks are independent, so large payloads are sealed on the other core(s) too: a small pool of
 * worker threads, shared by every encryption in the process, each sealing whole batches of chunks in
 * place. A batch travels as one transferred ArrayBuffer, plaintext laid out at 64 KiB + 16 strides so
 * each tag lands in the gap after its chunk and the buffer comes back as the finished ciphertext, with
 * no copy either way. sealInPlace does the same on the calling thread (small inputs, busy workers).
 *
 * Workers are started on first need and kept (a Worker costs tens of milliseconds to start), but are
 * unref'd while idle so they never keep the process alive; a crashed worker fails its batches and is
 * replaced on the next need.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createCipheriv } from 'node:crypto';
import { CHUNK_BYTES, SEALED_CHUNK_BYTES, TAG_BYTES } from './age-stream.js';

/** A batch's chunks: all full, the last one `finalLength` bytes and flagged final unless it is -1. */
export interface BatchLayout {
  readonly counter: number;
  readonly chunks: number;
  readonly finalLength: number;
}

/** The sealed batch: `buffer` is the batch memory (full size), the ciphertext its first `length` bytes. */
export interface SealedBatch {
  readonly buffer: Buffer;
  readonly length: number;
}

/**
 * Seals a batch in place on this thread; WORKER_SOURCE below repeats these steps line for line. The
 * nonce is the 11-byte big-endian chunk counter (its top three bytes stay 0 below 2^64 chunks) and the
 * last-chunk flag byte. Returns the sealed length.
 */
export function sealInPlace(data: Buffer, key: Uint8Array, layout: BatchLayout): number {
  const { counter, chunks, finalLength } = layout;
  const nonce = Buffer.alloc(12);
  let end = 0;
  for (let i = 0; i < chunks; i++) {
    const n = counter + i;
    const final = finalLength >= 0 && i === chunks - 1;
    nonce.writeUInt32BE(Math.floor(n / 0x100000000), 3);
    nonce.writeUInt32BE(n >>> 0, 7);
    nonce[11] = final ? 1 : 0;
    const at = i * SEALED_CHUNK_BYTES;
    const length = final ? finalLength : CHUNK_BYTES;
    const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
    cipher.update(data.subarray(at, at + length)).copy(data, at);
    cipher.final();
    cipher.getAuthTag().copy(data, at + length);
    end = at + length + TAG_BYTES;
  }
  return end;
}

/**
 * Plain CommonJS, evaluated: no file to locate, so it runs the same from `src` under a test runner or
 * a TypeScript loader and from `dist`. { id, key, counter, chunks, finalLength, buffer } → { id,
 * buffer, length }.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createCipheriv } = require('node:crypto');
const CHUNK = ${CHUNK_BYTES}, SEALED = ${SEALED_CHUNK_BYTES}, TAG = ${TAG_BYTES};
parentPort.on('message', ({ id, key, counter, chunks, finalLength, buffer }) => {
  const data = Buffer.from(buffer);
  const nonce = Buffer.alloc(12);
  let end = 0;
  for (let i = 0; i < chunks; i++) {
    const n = counter + i;
    const final = finalLength >= 0 && i === chunks - 1;
    nonce.writeUInt32BE(Math.floor(n / 0x100000000), 3);
    nonce.writeUInt32BE(n >>> 0, 7);
    nonce[11] = final ? 1 : 0;
    const at = i * SEALED;
    const length = final ? finalLength : CHUNK;
    const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
    cipher.update(data.subarray(at, at + length)).copy(data, at);
    cipher.final();
    cipher.getAuthTag().copy(data, at + length);
    end = at + length + TAG;
  }
  parentPort.postMessage({ id, buffer, length: end }, [buffer]);
});
`;

interface Job {
  readonly resolve: (sealed: SealedBatch) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly jobs: Map<number, Job>;
}

let nextJobId = 0;
const workers: PoolWorker[] = [];

/** One core stays with the main thread, which reads, writes and seals too when the workers are busy. */
export const SEAL_WORKERS = Math.max(1, Math.min(availableParallelism() - 1, 3));
/** 1 MiB of plaintext per batch: few messages, yet small enough to keep every core fed. */
export const BATCH_CHUNKS = 16;
/**
 * Below this much input nothing goes to a worker: sealing a small file here is faster than a worker's
 * start-up and round trips.
 */
export const PARALLEL_FROM_BYTES = 8 * 1024 * 1024;

function spawn(): PoolWorker {
  // No inherited flags: the worker needs no loader (a parent run under tsx would load it again).
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  const entry: PoolWorker = { worker, jobs: new Map() };
  entry.worker.unref();
  entry.worker.on(
    'message',
    ({ id, buffer, length }: { id: number; buffer: ArrayBuffer; length: number }) => {
      const job = entry.jobs.get(id);
      entry.jobs.delete(id);
      if (entry.jobs.size === 0) entry.worker.unref();
      job?.resolve({ buffer: Buffer.from(buffer), length });
    },
  );
  const fail = (error: Error): void => {
    const index = workers.indexOf(entry);
    if (index >= 0) workers.splice(index, 1);
    for (const job of entry.jobs.values()) job.reject(error);
    entry.jobs.clear();
  };
  entry.worker.on('error', fail);
  entry.worker.on('exit', (code) => fail(new Error(`age sealing worker exited with code ${code}`)));
  workers.push(entry);
  return entry;
}

/** The worker with the fewest batches queued, starting one more if the pool is not full. */
function pick(): PoolWorker {
  let best: PoolWorker | undefined;
  for (const entry of workers) if (!best || entry.jobs.size < best.jobs.size) best = entry;
  if (best && (best.jobs.size === 0 || workers.length >= SEAL_WORKERS)) return best;
  return spawn();
}

/** Batches queued in the pool in total. */
function queuedBatches(): number {
  let total = 0;
  for (const entry of workers) total += entry.jobs.size;
  return total;
}

/** A buffer for `chunks` chunks at sealed strides, whose ArrayBuffer can be transferred. */
export function batchBuffer(chunks: number): Buffer {
  // allocUnsafeSlow: its own ArrayBuffer (never Node's shared pool, which cannot be transferred).
  return Buffer.allocUnsafeSlow(chunks * SEALED_CHUNK_BYTES);
}

function sealInWorker(batch: Buffer, key: Uint8Array, layout: BatchLayout): Promise<SealedBatch> {
  const entry = pick();
  const id = nextJobId++;
  return new Promise<SealedBatch>((resolve, reject) => {
    if (entry.jobs.size === 0) entry.worker.ref();
    entry.jobs.set(id, { resolve, reject });
    const buffer = batch.buffer as ArrayBuffer;
    entry.worker.postMessage({ id, key, ...layout, buffer }, [buffer]);
  });
}

/**
 * Seals a batch laid out in `batch` (from batchBuffer): in a worker while each has at most one batch
 * waiting, else here and now, so this thread works instead of queueing more. A batch sent to a worker
 * is handed over (its memory moves there and back); use the returned buffer afterwards.
 */
export function sealBatch(batch: Buffer, key: Uint8Array, layout: BatchLayout): Promise<SealedBatch> {
  if (queuedBatches() < 2 * SEAL_WORKERS) return sealInWorker(batch, key, layout);
  return Promise.resolve({ buffer: batch, length: sealInPlace(batch, key, layout) });
}
