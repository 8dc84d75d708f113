/**
 * What every BlobStore adapter must do (the filesystem one today, S3 later): one suite, run by
 * each adapter's test file against a fresh, empty store per test.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { text } from 'node:stream/consumers';
import type { BlobStore } from '@cds/domain';
import { describe, expect, it } from 'vitest';

export const sha256Of = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export const readAll = async (stream: Readable) => Buffer.concat(await stream.toArray());

/** Chunks that arrive asynchronously, one event-loop turn apart, like a network body. */
export async function* chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  for (const part of parts) {
    await setImmediate();
    yield Buffer.from(part);
  }
}

export function blobStoreContract(label: string, freshStore: () => Promise<BlobStore>): void {
  describe(label, () => {
    it('stores a stream and gives it back under its SHA-256', async () => {
      const store = await freshStore();
      const content = '學校資料 Form A\n'.repeat(1000);
      const ref = await store.put(chunks(content.slice(0, 7), content.slice(7)));
      expect(ref).toEqual({ sha256: sha256Of(content), size: Buffer.byteLength(content) });
      expect(await text(await store.get(ref.sha256))).toBe(content);
      expect(await store.has(ref.sha256)).toBe(true);
      expect(await store.stat(ref.sha256)).toEqual(ref);
    });

    it('accepts a Node Readable, text chunks included', async () => {
      const store = await freshStore();
      const ref = await store.put(Readable.from(['平安', Buffer.from(' ok')]));
      expect(ref).toEqual({ sha256: sha256Of('平安 ok'), size: Buffer.byteLength('平安 ok') });
    });

    it('stores the empty blob', async () => {
      const store = await freshStore();
      const ref = await store.put(chunks());
      expect(ref).toEqual({ sha256: sha256Of(''), size: 0 });
      expect((await readAll(await store.get(ref.sha256))).length).toBe(0);
      expect((await readAll(await store.get(ref.sha256, { start: 0 }))).length).toBe(0);
    });

    it('stores identical content once', async () => {
      const store = await freshStore();
      const a = await store.put(chunks('same bytes'));
      const b = await store.put(chunks('same ', 'bytes'));
      expect(b).toEqual(a);
      await store.delete(a.sha256);
      expect(await store.has(a.sha256)).toBe(false);
    });

    it('serves inclusive byte ranges, clamping the end', async () => {
      const store = await freshStore();
      const { sha256 } = await store.put(chunks('0123456789'));
      const range = async (start: number, end?: number) =>
        (await readAll(await store.get(sha256, end === undefined ? { start } : { start, end }))).toString();
      expect(await range(0, 0)).toBe('0');
      expect(await range(2, 5)).toBe('2345');
      expect(await range(7)).toBe('789');
      expect(await range(8, 100)).toBe('89');
      expect(await range(10)).toBe('');
      await expect(store.get(sha256, { start: 11 })).rejects.toMatchObject({
        code: 'usage.invalid_argument',
      });
      await expect(store.get(sha256, { start: 5, end: 4 })).rejects.toMatchObject({
        code: 'usage.invalid_argument',
      });
      await expect(store.get(sha256, { start: -1 })).rejects.toMatchObject({
        code: 'usage.invalid_argument',
      });
    });

    it('refuses content over maxBytes and keeps nothing of it', async () => {
      const store = await freshStore();
      await expect(store.put(chunks('12345', '6'), { maxBytes: 5 })).rejects.toMatchObject({
        code: 'blob.too_large',
        details: { limit: 5 },
      });
      expect(await store.has(sha256Of('123456'))).toBe(false);
      expect(await store.put(chunks('12345'), { maxBytes: 5 })).toMatchObject({ size: 5 });
    });

    it('refuses content whose hash is not the expected one and keeps nothing of it', async () => {
      const store = await freshStore();
      await expect(
        store.put(chunks('tampered'), { expectedSha256: sha256Of('original') }),
      ).rejects.toMatchObject({ code: 'blob.integrity' });
      expect(await store.has(sha256Of('tampered'))).toBe(false);
      expect(
        await store.put(chunks('original'), { expectedSha256: sha256Of('original').toUpperCase() }),
      ).toMatchObject({ sha256: sha256Of('original') });
    });

    it('survives concurrent puts of the same content', async () => {
      const store = await freshStore();
      const content = 'x'.repeat(256 * 1024);
      const refs = await Promise.all(
        Array.from({ length: 8 }, () => store.put(chunks(content.slice(0, 1000), content.slice(1000)))),
      );
      for (const ref of refs) expect(ref).toEqual({ sha256: sha256Of(content), size: content.length });
      expect(await text(await store.get(sha256Of(content)))).toBe(content);
    });

    it('reports missing blobs and rejects malformed keys', async () => {
      const store = await freshStore();
      const missing = sha256Of('never stored');
      await expect(store.get(missing)).rejects.toMatchObject({ code: 'blob.not_found' });
      expect(await store.stat(missing)).toBeNull();
      expect(await store.has(missing)).toBe(false);
      await store.delete(missing);
      await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'usage.invalid_argument' });
      await expect(store.put(chunks('a'), { expectedSha256: 'abc' })).rejects.toMatchObject({
        code: 'usage.invalid_argument',
      });
    });
  });
}
