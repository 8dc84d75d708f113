/**
 * A FIFO of Buffers that hands out byte ranges as views. The STREAM chunk boundaries never line up
 * with the reads (the header shifts them), and copying every chunk into one contiguous buffer would
 * cost a memcpy per 64 KiB on the hot path; the ciphers accept the pieces one by one instead.
 */
export class ByteQueue {
  #items: Buffer[] = [];
  #head = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(buffer: Buffer): void {
    if (buffer.length === 0) return;
    this.#items.push(buffer);
    this.#length += buffer.length;
  }

  /** Removes the first `count` bytes (count ≤ length) and returns them as one or more views. */
  take(count: number): Buffer[] {
    if (count > this.#length) throw new RangeError('ByteQueue.take beyond its length');
    const out: Buffer[] = [];
    let remaining = count;
    while (remaining > 0) {
      const first = this.#items[0] as Buffer;
      const available = first.length - this.#head;
      if (available <= remaining) {
        out.push(this.#head === 0 ? first : first.subarray(this.#head));
        this.#items.shift();
        this.#head = 0;
        remaining -= available;
      } else {
        out.push(first.subarray(this.#head, this.#head + remaining));
        this.#head += remaining;
        remaining = 0;
      }
    }
    this.#length -= count;
    return out;
  }

  /** Like take, but as one Buffer; only for short ranges (the payload nonce). */
  takeContiguous(count: number): Buffer {
    const pieces = this.take(count);
    return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, count);
  }
}
