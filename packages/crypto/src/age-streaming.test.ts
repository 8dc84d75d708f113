/**
 * Memory stays flat whatever the payload size (CODE_STYLE: stream large data): 1 GiB generated on the
 * fly goes through encrypt → decrypt → SHA-256 without ever being held, and RSS barely moves.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { decryptStream, encryptStream, generateX25519Identity } from './index.js';

const MIB = 1024 * 1024;
const TOTAL = 1024 * MIB;

/** Fresh Buffers (the encryptor keeps views of its input until sealed), each different from the last. */
function generated(total: number, hash: ReturnType<typeof createHash>): Readable {
  const base = randomBytes(MIB + 4096);
  let produced = 0;
  return new Readable({
    highWaterMark: 4 * MIB,
    read() {
      if (produced >= total) {
        this.push(null);
        return;
      }
      // An odd piece size keeps STREAM chunk boundaries moving relative to the writes.
      const size = Math.min(MIB - 1 + (produced % 7), total - produced);
      const offset = ((produced / 7) % 4096) | 0;
      const piece = Buffer.from(base.subarray(offset, offset + size));
      piece.writeUInt32BE(produced >>> 0, 0);
      hash.update(piece);
      produced += size;
      this.push(piece);
    },
  });
}

async function roundTrip(total: number): Promise<{ seconds: number; growthMb: number; equal: boolean }> {
  const { identity, recipient } = generateX25519Identity();
  const sourceHash = createHash('sha256');
  const outputHash = createHash('sha256');
  let outputBytes = 0;
  const sink = new Writable({
    highWaterMark: 4 * MIB,
    write(chunk: Buffer, _encoding, callback) {
      outputHash.update(chunk);
      outputBytes += chunk.length;
      callback();
    },
  });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    await pipeline(
      generated(total, sourceHash),
      encryptStream([{ kind: 'x25519', recipient }]),
      decryptStream([{ kind: 'x25519', identity }]),
      sink,
    );
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  const equal = outputBytes === total && outputHash.digest('hex') === sourceHash.digest('hex');
  return { seconds, growthMb: (peak - baseline) / 1e6, equal };
}

describe('streaming', () => {
  it('1 GiB round-trips through encrypt → decrypt with flat memory and in reasonable time', async () => {
    // A short warm-up first, so one-time growth (JIT, module state) does not count as the payload's.
    expect((await roundTrip(16 * MIB)).equal).toBe(true);
    const { seconds, growthMb, equal } = await roundTrip(TOTAL);
    console.log(`1 GiB encrypt+decrypt: ${seconds.toFixed(1)} s, RSS growth ${growthMb.toFixed(0)} MB`);
    expect(equal).toBe(true);
    // The bar (under 200 MB for 1 GiB); buffering would grow by the whole GiB.
    expect(growthMb).toBeLessThan(200);
    expect(seconds).toBeLessThan(30);
  }, 120_000);
});
