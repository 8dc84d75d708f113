/**
 * Encryption as a Transform: plaintext in, an age v1 file out, in 64 KiB chunks so memory stays flat
 * whatever the size. A full chunk is held back until more input (or the end) shows whether it is the
 * last one, because the last-chunk flag is part of its nonce.
 */
import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ArmorEncoder } from './age-armor.js';
import { encodeHeader } from './age-header.js';
import { FILE_KEY_BYTES, validateRecipients, wrapFileKey, type Recipient } from './age-recipients.js';
import { CHUNK_BYTES, PAYLOAD_NONCE_BYTES, PayloadSealer, TAG_BYTES } from './age-stream.js';
import { ByteQueue } from './byte-queue.js';

export interface EncryptOptions {
  /** Wrap the output in ASCII armor (-----BEGIN AGE ENCRYPTED FILE-----). Default false. */
  readonly armor?: boolean;
}

/** Large enough that a 1 MiB read passes through in one go; small enough to keep memory flat. */
const HIGH_WATER_MARK = 1024 * 1024;

class AgeEncryptStream extends Transform {
  readonly #ready: Promise<void>;
  readonly #queue = new ByteQueue();
  readonly #armor: ArmorEncoder | undefined;
  #sealer: PayloadSealer | undefined;

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

  /** Seals `chunks` chunks off the queue (the last one flagged if `last`) and emits them as one Buffer. */
  #seal(sealer: PayloadSealer, chunks: number, last: boolean): void {
    // One output Buffer per input write: a push, and later a write syscall, per 64 KiB chunk and per
    // 16-byte tag costs more than copying the cipher output once.
    const out = Buffer.allocUnsafe(Math.min(this.#queue.length, chunks * CHUNK_BYTES) + chunks * TAG_BYTES);
    let at = 0;
    for (let i = 0; i < chunks; i++) {
      const pieces = this.#queue.take(Math.min(CHUNK_BYTES, this.#queue.length));
      at += sealer.sealInto(pieces, last && i === chunks - 1, out, at);
    }
    this.#emit(out);
  }

  #sealFullChunks(sealer: PayloadSealer): void {
    // A chunk is sealed only once a byte after it exists: until then it might be the last one.
    const chunks = Math.floor((this.#queue.length - 1) / CHUNK_BYTES);
    if (chunks > 0) this.#seal(sealer, chunks, false);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const sealer = this.#sealer;
    if (!sealer) {
      this.#afterReady(() => this.#transformReady(chunk, this.#sealer as PayloadSealer), callback);
      return;
    }
    this.#transformReady(chunk, sealer);
    callback();
  }

  #transformReady(chunk: Buffer, sealer: PayloadSealer): void {
    this.#queue.push(chunk);
    this.#sealFullChunks(sealer);
  }

  override _flush(callback: TransformCallback): void {
    this.#afterReady(() => {
      const sealer = this.#sealer as PayloadSealer;
      this.#sealFullChunks(sealer);
      // At most one chunk is left; it is the last, and is empty only when the whole payload is.
      this.#seal(sealer, 1, true);
      if (this.#armor) this.push(this.#armor.final());
    }, callback);
  }

  #afterReady(work: () => void, callback: TransformCallback): void {
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
