/**
 * Size and SHA-256 of a byte stream measured as it passes, so the payload goes to its store in the
 * same single pass that computes what the routing header will promise about it.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** The payload's identity in the routing header (payloadSize, payloadSha256). */
export interface PayloadDigest {
  readonly size: number;
  /** Lowercase hex. */
  readonly sha256: string;
}

export class RunningDigest {
  readonly #hash: Hash = createHash('sha256');
  #size = 0;

  update(chunk: Uint8Array): void {
    this.#hash.update(chunk);
    this.#size += chunk.length;
  }

  get size(): number {
    return this.#size;
  }

  /** Once only: the hash is finalised. */
  digest(): PayloadDigest {
    return { size: this.#size, sha256: this.#hash.digest('hex') };
  }
}

/** A pass-through that resolves `digest` when the last byte has gone through. */
export class DigestTap extends Transform {
  readonly #running = new RunningDigest();
  readonly digest: Promise<PayloadDigest>;
  #resolve: (digest: PayloadDigest) => void = () => undefined;

  constructor() {
    // Large enough not to split the encryptor's 1 MiB writes into many small pushes.
    super({ readableHighWaterMark: 1024 * 1024, writableHighWaterMark: 1024 * 1024 });
    this.digest = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#running.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.#resolve(this.#running.digest());
    callback();
  }
}

export function digestsEqual(a: PayloadDigest, b: PayloadDigest): boolean {
  return a.size === b.size && a.sha256 === b.sha256;
}
