/**
 * Encryption as a Transform: plaintext in, an age v1 file out, in 64 KiB chunks so memory stays flat
 * whatever the size. A full chunk is held back until more input (or the end) shows whether it is the
 * last one, because the last-chunk flag is part of its nonce. Past PARALLEL_FROM_BYTES, whole batches
 * of chunks are sealed by the worker pool (seal-pool.ts) while this thread keeps reading, writing and
 * sealing batches itself when the workers are busy; outputs leave in order, a bounded number in flight.
 */
import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ArmorEncoder } from './age-armor.js';
import { encodeHeader } from './age-header.js';
import { FILE_KEY_BYTES, validateRecipients, wrapFileKey, type Recipient } from './age-recipients.js';
import {
  CHUNK_BYTES,
  PAYLOAD_NONCE_BYTES,
  PayloadSealer,
  SEALED_CHUNK_BYTES,
  TAG_BYTES,
} from './age-stream.js';
import { ByteQueue } from './byte-queue.js';
import { BATCH_CHUNKS, batchBuffer, PARALLEL_FROM_BYTES, SEAL_WORKERS, sealBatch } from './seal-pool.js';

export interface EncryptOptions {
  /** Wrap the output in ASCII armor (-----BEGIN AGE ENCRYPTED FILE-----). Default false. */
  readonly armor?: boolean;
}

/** Large enough that a 1 MiB read passes through in one go; small enough to keep memory flat. */
const HIGH_WATER_MARK = 1024 * 1024;
/** Outputs (batches) waiting to leave in order before input is accepted again: bounds memory. */
const MAX_OUTSTANDING = 2 * SEAL_WORKERS + 2;

/** One output in file order: sealed here (bytes known) or by a worker (bytes arrive later). */
interface Outstanding {
  bytes: Buffer | undefined;
}

class AgeEncryptStream extends Transform {
  readonly #ready: Promise<void>;
  readonly #queue = new ByteQueue();
  readonly #armor: ArmorEncoder | undefined;
  #sealer: PayloadSealer | undefined;
  #seen = 0;
  readonly #outstanding: Outstanding[] = [];
  /** A write (or the flush) waiting for outstanding outputs to drain. */
  #waiting: { readonly below: number; readonly resume: (error?: Error) => void } | undefined;
  #failed: Error | undefined;

  constructor(recipients: readonly Recipient[], options: EncryptOptions) {
    super({ readableHighWaterMark: HIGH_WATER_MARK, writableHighWaterMark: HIGH_WATER_MARK });
    validateRecipients(recipients);
    this.#armor = options.armor ? new ArmorEncoder() : undefined;
    // scrypt runs on the thread pool, so the header is built asynchronously before the first chunk.
    this.#ready = this.#start(recipients);
    this.#ready.catch(() => undefined);
  }

  async #start(recipients: readonly Recipient[]): Promise<void> {
    const fileKey = randomBytes(FILE_KEY_BYTES);
    const header = encodeHeader(await wrapFileKey(recipients, fileKey), fileKey);
    const nonce = randomBytes(PAYLOAD_NONCE_BYTES);
    this.#emit(Buffer.concat([header, nonce]));
    this.#sealer = new PayloadSealer(fileKey, nonce);
  }

  #emit(data: Buffer): void {
    const out = this.#armor ? this.#armor.update(data) : data;
    if (out.length) this.push(out);
  }

  /** Emits sealed output, after every earlier output still outstanding. */
  #output(bytes: Buffer): void {
    if (this.#outstanding.length === 0) this.#emit(bytes);
    else this.#outstanding.push({ bytes });
  }

  /** Emits the outputs at the head that are ready, then wakes a waiting write if enough drained. */
  #drain(): void {
    while (this.#outstanding[0]?.bytes)
      this.#emit((this.#outstanding.shift() as Outstanding).bytes as Buffer);
    const waiting = this.#waiting;
    if (waiting && (this.#failed || this.#outstanding.length < waiting.below)) {
      this.#waiting = undefined;
      waiting.resume(this.#failed);
    }
  }

  /** Seals `chunks` chunks off the queue here (the last one flagged if `last`) as one Buffer. */
  #sealHere(sealer: PayloadSealer, chunks: number, last: boolean): void {
    // One output Buffer per batch: a push, and later a write syscall, per 64 KiB chunk and per
    // 16-byte tag costs more than copying the cipher output once.
    const out = Buffer.allocUnsafe(Math.min(this.#queue.length, chunks * CHUNK_BYTES) + chunks * TAG_BYTES);
    let at = 0;
    for (let i = 0; i < chunks; i++) {
      const pieces = this.#queue.take(Math.min(CHUNK_BYTES, this.#queue.length));
      at += sealer.sealInto(pieces, last && i === chunks - 1, out, at);
    }
    this.#output(out);
  }

  /** Seals a batch of full, non-final chunks in the pool (or here); its output keeps its place in line. */
  #sealBatch(sealer: PayloadSealer, chunks: number): void {
    const batch = batchBuffer(chunks);
    for (let i = 0; i < chunks; i++) {
      let at = i * SEALED_CHUNK_BYTES;
      for (const piece of this.#queue.take(CHUNK_BYTES)) at += piece.copy(batch, at);
    }
    const slot: Outstanding = { bytes: undefined };
    this.#outstanding.push(slot);
    sealBatch(batch, sealer.key, { counter: sealer.reserve(chunks), chunks, finalLength: -1 }).then(
      (sealed) => {
        slot.bytes = sealed.buffer.subarray(0, sealed.length);
        this.#drain();
      },
      (error: unknown) => {
        this.#failed = error as Error;
        this.#drain();
        if (!this.#waiting) this.destroy(this.#failed);
      },
    );
  }

  #sealFullChunks(sealer: PayloadSealer, atEnd: boolean): void {
    // A chunk is sealed only once a byte after it exists: until then it might be the last one.
    let chunks = Math.floor((this.#queue.length - 1) / CHUNK_BYTES);
    if (atEnd || this.#seen < PARALLEL_FROM_BYTES) {
      if (chunks > 0) this.#sealHere(sealer, chunks, false);
      return;
    }
    // In whole batches; a remainder waits for the next write (or the end).
    for (; chunks >= BATCH_CHUNKS; chunks -= BATCH_CHUNKS) this.#sealBatch(sealer, BATCH_CHUNKS);
  }

  /** Calls back now, or once no more than `below` - 1 outputs are outstanding. */
  #whenBelow(below: number, callback: (error?: Error) => void): void {
    if (this.#failed) callback(this.#failed);
    else if (this.#outstanding.length < below) callback();
    else this.#waiting = { below, resume: callback };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const sealer = this.#sealer;
    if (!sealer) {
      this.#afterReady(() => this.#transformReady(chunk, this.#sealer as PayloadSealer), callback);
      return;
    }
    this.#transformReady(chunk, sealer);
    this.#whenBelow(MAX_OUTSTANDING, callback);
  }

  #transformReady(chunk: Buffer, sealer: PayloadSealer): void {
    this.#queue.push(chunk);
    this.#seen += chunk.length;
    this.#sealFullChunks(sealer, false);
  }

  override _flush(callback: TransformCallback): void {
    this.#afterReady(
      () =>
        new Promise<void>((resolve, reject) =>
          this.#whenBelow(1, (error) => (error ? reject(error) : resolve())),
        ).then(() => {
          const sealer = this.#sealer as PayloadSealer;
          this.#sealFullChunks(sealer, true);
          // At most one chunk is left; it is the last, and is empty only when the whole payload is.
          this.#sealHere(sealer, 1, true);
          if (this.#armor) this.push(this.#armor.final());
        }),
      callback,
    );
  }

  #afterReady(work: () => void | Promise<void>, callback: TransformCallback): void {
    this.#ready.then(work).then(
      () => callback(),
      (error: unknown) => callback(error as Error),
    );
  }
}

/**
 * A Transform that encrypts what is written to it to every recipient. Recipient errors are thrown
 * here (synchronously); a scrypt recipient must be the only one. Written Buffers are used in place,
 * not copied, so (as Node's stream contract asks) they must not be modified after being written.
 */
export function encryptStream(recipients: readonly Recipient[], options: EncryptOptions = {}): Transform {
  return new AgeEncryptStream(recipients, options);
}

export async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** For small data (the keyring JSON); large payloads go through encryptStream. */
export async function encryptBuffer(
  recipients: readonly Recipient[],
  data: Uint8Array,
  options: EncryptOptions = {},
): Promise<Buffer> {
  const encryptor = encryptStream(recipients, options);
  encryptor.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return collect(encryptor);
}
