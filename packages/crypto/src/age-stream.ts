/**
 * age's STREAM payload: ChaCha20-Poly1305 over 64 KiB chunks, nonce = 11-byte big-endian chunk counter
 * + a last-chunk flag byte, key = HKDF-SHA256(file key, payload nonce, "payload"). Each chunk goes
 * through one short-lived native cipher fed the chunk's pieces in turn (no gathering copy), and lands
 * in a caller's output buffer so a whole read's worth of chunks leaves as one Buffer.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';

export const CHUNK_BYTES = 64 * 1024;
export const TAG_BYTES = 16;
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;
export const PAYLOAD_NONCE_BYTES = 16;
const COUNTER_BYTES = 11;

function payloadKey(fileKey: Uint8Array, payloadNonce: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, payloadNonce, 'payload', 32));
}

class ChunkNonce {
  // Reused for every chunk: createCipheriv copies the IV, so one 12-byte buffer serves the whole file.
  readonly bytes = Buffer.alloc(COUNTER_BYTES + 1);

  setLast(last: boolean): void {
    this.bytes[COUNTER_BYTES] = last ? 1 : 0;
  }

  /** Sets the counter to `counter` (< 2^53, far beyond any file); the top three bytes stay zero. */
  set(counter: number): void {
    this.bytes.writeUInt32BE(Math.floor(counter / 0x100000000), 3);
    this.bytes.writeUInt32BE(counter >>> 0, 7);
  }

  increment(): void {
    for (let i = COUNTER_BYTES - 1; i >= 0; i--) {
      const next = ((this.bytes[i] as number) + 1) & 0xff;
      this.bytes[i] = next;
      if (next !== 0) return;
    }
    throw new RangeError('STREAM chunk counter overflow');
  }

  get isFirst(): boolean {
    for (let i = 0; i < COUNTER_BYTES; i++) if (this.bytes[i] !== 0) return false;
    return true;
  }
}

export class PayloadSealer {
  /** The payload key, for sealing batches elsewhere (seal-pool.ts) with counters from reserve(). */
  readonly key: Buffer;
  readonly #nonce = new ChunkNonce();
  #counter = 0;

  constructor(fileKey: Uint8Array, payloadNonce: Uint8Array) {
    this.key = payloadKey(fileKey, payloadNonce);
  }

  /** Claims the next `chunks` counters for chunks sealed elsewhere; returns the first. */
  reserve(chunks: number): number {
    const first = this.#counter;
    this.#counter += chunks;
    return first;
  }

  /** Seals one chunk (≤ 64 KiB, given as pieces) into `out` at `at`; returns the bytes written. */
  sealInto(pieces: readonly Buffer[], last: boolean, out: Buffer, at: number): number {
    this.#nonce.set(this.#counter++);
    this.#nonce.setLast(last);
    const cipher = createCipheriv('chacha20-poly1305', this.key, this.#nonce.bytes, {
      authTagLength: TAG_BYTES,
    });
    let end = at;
    for (const piece of pieces) end += cipher.update(piece).copy(out, end);
    end += cipher.final().copy(out, end);
    end += cipher.getAuthTag().copy(out, end);
    return end - at;
  }
}

export class PayloadOpener {
  readonly #key: Buffer;
  readonly #nonce = new ChunkNonce();
  readonly #tag = Buffer.alloc(TAG_BYTES);

  constructor(fileKey: Uint8Array, payloadNonce: Uint8Array) {
    this.#key = payloadKey(fileKey, payloadNonce);
  }

  /** True until a chunk was opened: only a first and only chunk may be empty. */
  get atFirstChunk(): boolean {
    return this.#nonce.isFirst;
  }

  /**
   * Opens one sealed chunk (ciphertext + tag, as pieces) into `out` at `at` and returns the plaintext
   * length, or undefined if the tag does not verify under the given last-chunk flag. Bytes written to
   * `out` before a failure are unauthenticated: the caller must not release them. The counter
   * advances only on success, so the caller may retry with the other flag.
   */
  openInto(pieces: readonly Buffer[], last: boolean, out: Buffer, at: number): number | undefined {
    let total = 0;
    for (const piece of pieces) total += piece.length;
    if (total < TAG_BYTES) return undefined;
    this.#nonce.setLast(last);
    const decipher = createDecipheriv('chacha20-poly1305', this.#key, this.#nonce.bytes, {
      authTagLength: TAG_BYTES,
    });
    const bodyEnd = total - TAG_BYTES;
    let offset = 0;
    let end = at;
    for (const piece of pieces) {
      const pieceEnd = offset + piece.length;
      if (offset < bodyEnd) {
        end += decipher
          .update(pieceEnd <= bodyEnd ? piece : piece.subarray(0, bodyEnd - offset))
          .copy(out, end);
      }
      if (pieceEnd > bodyEnd)
        piece.copy(this.#tag, Math.max(0, offset - bodyEnd), Math.max(0, bodyEnd - offset));
      offset = pieceEnd;
    }
    decipher.setAuthTag(this.#tag);
    try {
      end += decipher.final().copy(out, end);
    } catch {
      return undefined;
    }
    this.#nonce.increment();
    return end - at;
  }
}
