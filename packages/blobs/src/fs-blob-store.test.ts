import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from './fs-blob-store.js';
import { blobStoreContract, chunks, sha256Of } from './testing/blob-store.contract.js';

const base = mkdtemp(join(tmpdir(), 'cds-blobs-test-'));
let count = 0;
const freshRoot = async () => join(await base, `store-${++count}`);
afterAll(async () => rm(await base, { recursive: true, force: true }));

blobStoreContract('FsBlobStore', async () => new FsBlobStore({ root: await freshRoot() }));

describe('FsBlobStore on disk', () => {
  it('lays blobs out as sha256/ab/cd/<hex>, private to the owner', async () => {
    const root = await freshRoot();
    const store = new FsBlobStore({ root });
    const { sha256 } = await store.put(chunks('layout'));
    const path = join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(store.pathOf(sha256)).toBe(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('leaves no temp file behind after a refused, failed or duplicate put', async () => {
    const root = await freshRoot();
    const store = new FsBlobStore({ root });
    await store.put(chunks('dup'));
    await Promise.all([1, 2, 3, 4].map(() => store.put(chunks('d', 'up'))));
    await expect(store.put(chunks('big'), { maxBytes: 2 })).rejects.toMatchObject({ code: 'blob.too_large' });
    await expect(store.put(chunks('bad'), { expectedSha256: sha256Of('good') })).rejects.toMatchObject({
      code: 'blob.integrity',
    });
    async function* failing(): AsyncIterable<Uint8Array> {
      yield* chunks('partial');
      throw new Error('connection reset');
    }
    await expect(store.put(failing())).rejects.toThrow('connection reset');
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await readdir(join(root, 'sha256'))).toEqual([sha256Of('dup').slice(0, 2)]);
  });

  it('sweeps temp files a crash left behind, but not ones still being written', async () => {
    const root = await freshRoot();
    const now = Date.now();
    const store = new FsBlobStore({ root, clock: { now: () => now } });
    expect(await store.sweepTemp(60_000)).toBe(0); // no tmp directory yet
    await store.put(chunks('creates tmp/'));
    const stale = join(root, 'tmp', 'crashed.part');
    const fresh = join(root, 'tmp', 'in-flight.part');
    await writeFile(stale, 'half a blob');
    await writeFile(fresh, 'still streaming');
    const hourAgo = new Date(now - 3_600_000);
    await utimes(stale, hourAgo, hourAgo);
    expect(await store.sweepTemp(60_000)).toBe(1);
    expect(await readdir(join(root, 'tmp'))).toEqual(['in-flight.part']);
  });

  it('streams a 200 MB upload without holding it in memory', { timeout: 60_000 }, async () => {
    const store = new FsBlobStore({ root: await freshRoot() });
    const chunkSize = 64 * 1024;
    const chunkCount = (200 * 1024 * 1024) / chunkSize;
    const expected = createHash('sha256');
    function* generate() {
      for (let i = 0; i < chunkCount; i++) {
        // A new buffer each time (the store may still be writing the last one); every chunk
        // differs, so a store that compared or deduplicated chunks could not cheat.
        const chunk = Buffer.alloc(chunkSize, i & 0xff);
        chunk.writeUInt32BE(i, 0);
        expected.update(chunk);
        yield chunk;
      }
    }
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const ref = await store.put(Readable.from(generate(), { objectMode: false }));
      expect(ref).toEqual({ sha256: expected.digest('hex'), size: 200 * 1024 * 1024 });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });
});
