/**
 * Decryption as a Transform: an age v1 file (binary or armored) in, plaintext out. Plaintext of a
 * chunk is pushed only once its tag verified; a missing final chunk (truncation), an empty final chunk
 * and bytes after the final chunk are errors, each with its own code. The failure classes follow the
 * age test vectors: header / no match / HMAC / payload / armor.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '@cds/domain';
import { ArmorDecoder, startsArmored } from './age-armor.js';
import { findHeaderEnd, parseHeader, verifyHeaderMac, type AgeHeader } from './age-header.js';
import { prepareIdentities, unwrapFileKey, type Identity } from './age-recipients.js';
import {
  CHUNK_BYTES,
  PAYLOAD_NONCE_BYTES,
  PayloadOpener,
  SEALED_CHUNK_BYTES,
  TAG_BYTES,
} from './age-stream.js';
import { ByteQueue } from './byte-queue.js';
import { collect } from './encrypt-stream.js';

export interface DecryptOptions {
  /** true: input must be armored; false: binary; 'auto' (default): armored if it starts with "-" or whitespace. */
  readonly armor?: boolean | 'auto';
}

type Phase = 'detect' | 'header' | 'unlocking' | 'nonce' | 'payload' | 'done';
const HIGH_WATER_MARK = 1024 * 1024;
const EMPTY = Buffer.alloc(0);

class AgeDecryptStream extends Transform {
  readonly #identities: readonly Identity[];
  readonly #unwrappers: ReturnType<typeof prepareIdentities>;
  readonly #armorMode: boolean | 'auto';
  #armor: ArmorDecoder | undefined;
  #phase: Phase = 'detect';
  #prefix: Buffer = EMPTY;
  readonly #queue = new ByteQueue();
  #fileKey: Buffer | undefined;
  #opener: PayloadOpener | undefined;

  constructor(identities: readonly Identity[], options: DecryptOptions) {
    super({ readableHighWaterMark: HIGH_WATER_MARK, writableHighWaterMark: HIGH_WATER_MARK });
    this.#identities = identities;
    this.#unwrappers = prepareIdentities(identities);
    this.#armorMode = options.armor ?? 'auto';
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let pending: Promise<void> | undefined;
    try {
      pending = this.#ingest(chunk);
    } catch (error) {
      callback(error as Error);
      return;
    }
    if (pending) pending.then(() => callback(), callback);
    else callback();
  }

  override _flush(callback: TransformCallback): void {
    let pending: Promise<void> | undefined;
    try {
      if (this.#phase === 'detect' && this.#armorMode === true) this.#armor = new ArmorDecoder();
      const tail = this.#armor ? this.#armor.final() : EMPTY;
      if (tail.length) pending = this.#consume(tail);
    } catch (error) {
      callback(error as Error);
      return;
    }
    const finish = (): void => {
      try {
        this.#finish();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    };
    if (pending) pending.then(finish, callback);
    else finish();
  }

  #ingest(chunk: Buffer): Promise<void> | undefined {
    if (chunk.length === 0) return undefined;
    if (this.#phase === 'detect') {
      const armored = this.#armorMode === 'auto' ? startsArmored(chunk[0] as number) : this.#armorMode;
      if (armored) this.#armor = new ArmorDecoder();
      this.#phase = 'header';
    }
    return this.#consume(this.#armor ? this.#armor.update(chunk) : chunk);
  }

  #consume(data: Buffer): Promise<void> | undefined {
    if (this.#phase !== 'header') {
      this.#payload(data);
      return undefined;
    }
    this.#prefix = this.#prefix.length ? Buffer.concat([this.#prefix, data]) : data;
    const end = findHeaderEnd(this.#prefix);
    if (end < 0) return undefined;
    const header = parseHeader(this.#prefix.subarray(0, end));
    const rest = this.#prefix.subarray(end);
    this.#prefix = EMPTY;
    this.#phase = 'unlocking';
    return this.#unlock(header).then(() => this.#payload(rest));
  }

  async #unlock(header: AgeHeader): Promise<void> {
    const fileKey = await unwrapFileKey(header.stanzas, this.#identities, this.#unwrappers);
    verifyHeaderMac(fileKey, header);
    this.#fileKey = fileKey;
    this.#phase = 'nonce';
  }

  #payload(data: Buffer): void {
    if (this.#phase === 'done') {
      if (data.length) throw new AppError('age.trailing_data', {});
      return;
    }
    this.#queue.push(data);
    if (this.#phase === 'nonce') {
      if (this.#queue.length < PAYLOAD_NONCE_BYTES) return;
      this.#opener = new PayloadOpener(
        this.#fileKey as Buffer,
        this.#queue.takeContiguous(PAYLOAD_NONCE_BYTES),
      );
      this.#phase = 'payload';
    }
    const opener = this.#opener as PayloadOpener;
    const chunks = Math.floor(this.#queue.length / SEALED_CHUNK_BYTES);
    if (chunks === 0) return;
    const out = Buffer.allocUnsafe(chunks * CHUNK_BYTES);
    let released = 0;
    try {
      for (let i = 0; i < chunks && this.#phase === 'payload'; i++) {
        const pieces = this.#queue.take(SEALED_CHUNK_BYTES);
        // A full-size chunk may still be the last one; only its tag can tell.
        let length = opener.openInto(pieces, false, out, released);
        if (length === undefined) {
          length = opener.openInto(pieces, true, out, released);
          if (length === undefined) {
            throw new AppError('age.payload_invalid', { detail: 'a chunk failed authentication' });
          }
          this.#phase = 'done';
        }
        released += length;
      }
    } finally {
      // Chunks verified before a failure are released, as the reference implementation does.
      if (released > 0) this.push(out.subarray(0, released));
    }
    if (this.#phase === 'done' && this.#queue.length > 0) throw new AppError('age.trailing_data', {});
  }

  #finish(): void {
    switch (this.#phase) {
      case 'detect':
      case 'header':
        throw new AppError('age.header_invalid', {
          detail: this.#prefix.length === 0 ? 'the file is empty' : 'the header is incomplete',
        });
      case 'unlocking':
      case 'nonce':
        throw new AppError('age.header_invalid', { detail: 'the file ends before the payload nonce' });
      case 'payload': {
        const opener = this.#opener as PayloadOpener;
        const remaining = this.#queue.length;
        if (remaining === 0) throw new AppError('age.truncated', {});
        if (remaining < TAG_BYTES) {
          throw new AppError('age.payload_invalid', { detail: 'the final chunk is cut short' });
        }
        if (remaining === TAG_BYTES && !opener.atFirstChunk) {
          throw new AppError('age.payload_invalid', { detail: 'the final chunk is empty' });
        }
        const out = Buffer.allocUnsafe(remaining - TAG_BYTES);
        const length = opener.openInto(this.#queue.take(remaining), true, out, 0);
        if (length === undefined) {
          throw new AppError('age.payload_invalid', { detail: 'the final chunk failed authentication' });
        }
        if (length > 0) this.push(out);
        this.#phase = 'done';
        return;
      }
      case 'done':
        return;
    }
  }
}

/**
 * A Transform that decrypts an age file with the first identity that opens it. Identity errors are
 * thrown here (synchronously); written Buffers are used in place and must not be modified afterwards.
 */
export function decryptStream(identities: readonly Identity[], options: DecryptOptions = {}): Transform {
  return new AgeDecryptStream(identities, options);
}

/** For small files (the keyring); large payloads go through decryptStream. */
export async function decryptBuffer(
  identities: readonly Identity[],
  data: Uint8Array,
  options: DecryptOptions = {},
): Promise<Buffer> {
  const decryptor = decryptStream(identities, options);
  decryptor.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return collect(decryptor);
}
