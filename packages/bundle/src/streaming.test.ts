import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openBundle, verifyBundleSignature } from './read-bundle.js';
import { writeBundle } from './write-bundle.js';
import { sampleSigner } from './testing/index.js';

const MIB = 1024 * 1024;
const PAYLOADS = 4;
const PAYLOAD_MIB = 48;
/** The envelope's bar for streaming (issue #4): memory must not follow the data. */
const RSS_BAR = 100 * MIB;

const dir = await mkdtemp(join(tmpdir(), 'cds-bundle-stream-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Deterministic payload bytes, made as they are read; a new buffer per chunk, as a file would give. */
function* chunks(seed: number): Generator<Buffer> {
  for (let i = 0; i < PAYLOAD_MIB; i++) yield Buffer.alloc(MIB, (seed * 31 + i) % 251);
}

function digest(seed: number): string {
  const hash = createHash('sha256');
  for (const chunk of chunks(seed)) hash.update(chunk);
  return hash.digest('hex');
}

async function peakGrowth(work: () => Promise<void>): Promise<number> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return peak - base;
}

describe('bundles stream (SPEC §10: memory does not grow with the data)', () => {
  it(`writes and reads ${PAYLOADS} × ${PAYLOAD_MIB} MiB with flat memory`, async () => {
    const signer = sampleSigner();
    const ids = Array.from({ length: PAYLOADS }, (_, i) => `0190f0a0-0000-7000-8000-00000000010${i}`);
    const out = join(dir, 'large.zip');
    const written = await peakGrowth(async () => {
      await writeBundle({
        kind: 'upload',
        exportedBy: '123456',
        exportedFor: 'hub',
        exportedAt: Date.now(),
        signer,
        out,
        messages: ids.map((id, i) => ({
          id,
          headerJws: `header.${id}.sig`,
          payloadSize: PAYLOAD_MIB * MIB,
          payloadSha256: digest(i),
          openPayload: () => Promise.resolve(Readable.from(chunks(i))),
        })),
      });
    });
    const read = await peakGrowth(async () => {
      const bundle = await openBundle(out);
      try {
        await verifyBundleSignature(bundle, signer);
        for (const id of ids) await bundle.checkPayload(id);
      } finally {
        bundle.close();
      }
    });
    expect(written).toBeLessThan(RSS_BAR);
    expect(read).toBeLessThan(RSS_BAR);
  }, 60_000);
});
