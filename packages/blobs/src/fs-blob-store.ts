import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { AppError, type BlobRef, type BlobStore, type Clock } from '@cds/domain';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface FsBlobStoreOptions {
  /** The blob directory (`<data-dir>/blobs`); created on first use. */
  readonly root: string;
  /** Used by sweepTemp; defaults to the system clock. */
  readonly clock?: Clock;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function checkHash(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) {
    throw new AppError('usage.invalid_argument', { detail: 'a blob key is 64 lowercase hex digits' });
  }
  return sha256;
}

/** A positional write may be partial; loop until every byte is handed to the kernel. */
async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.byteLength - offset);
    offset += bytesWritten;
  }
}

/** Makes a rename or unlink in `dir` survive a power cut (POSIX leaves it in the page cache). */
async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Content-addressed blobs on the local filesystem: `<root>/sha256/ab/cd/<hex>`.
 *
 * A blob only ever appears under its final name complete and fsynced: `put` writes a temp file in
 * `<root>/tmp/` (same filesystem, so the rename is atomic), checks size and hash as the bytes
 * stream past, fsyncs, renames, and fsyncs the directory. Callers can therefore commit a database
 * row naming the blob as soon as `put` resolves (SPEC §4: blob durable before the row commits).
 */
export class FsBlobStore implements BlobStore {
  readonly root: string;
  readonly #tmp: string;
  readonly #clock: Clock;

  constructor(options: FsBlobStoreOptions) {
    this.root = resolve(options.root);
    this.#tmp = join(this.root, 'tmp');
    this.#clock = options.clock ?? { now: () => Date.now() };
  }

  /** Where a blob lives; exposed for diagnostics and tests, not for writing. */
  pathOf(sha256: string): string {
    const hex = checkHash(sha256);
    return join(this.root, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  }

  async put(
    source: Readable | AsyncIterable<Uint8Array>,
    options: { maxBytes?: number; expectedSha256?: string } = {},
  ): Promise<BlobRef> {
    const expected = options.expectedSha256?.toLowerCase();
    if (expected !== undefined) checkHash(expected);
    await mkdir(this.#tmp, { recursive: true, mode: 0o700 });
    const tmpFile = join(this.#tmp, `${randomUUID()}.part`);
    let file: FileHandle | undefined = await open(tmpFile, 'wx', 0o600);
    try {
      const hash = createHash('sha256');
      let size = 0;
      // Awaiting each write is the backpressure: the source is not read faster than the disk
      // takes it, so memory stays flat whatever the blob's size.
      for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.byteLength;
        if (options.maxBytes !== undefined && size > options.maxBytes) {
          throw new AppError('blob.too_large', { limit: options.maxBytes });
        }
        hash.update(bytes);
        await writeAll(file, bytes);
      }
      const sha256 = hash.digest('hex');
      if (expected !== undefined && sha256 !== expected) {
        throw new AppError('blob.integrity', { hash: expected, actual: sha256 });
      }
      await file.sync();
      await file.close();
      file = undefined;

      await this.#publish(tmpFile, sha256);
      return { sha256, size };
    } catch (error) {
      await file?.close().catch(() => {});
      await rm(tmpFile, { force: true });
      throw error;
    }
  }

  async #publish(tmpFile: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    const dir = dirname(target);
    const created = await mkdir(dir, { recursive: true, mode: 0o700 });
    const duplicate = await this.#exists(target);
    if (duplicate) {
      // Same name, same content: keep the copy already there.
      await rm(tmpFile, { force: true });
    } else {
      // A concurrent put of the same content may rename first; rename replaces atomically and
      // the bytes are identical, so readers never see a partial or different file.
      await rename(tmpFile, target);
    }
    // Directory entries reach the disk only when their directory is fsynced. New shard
    // directories need their parents synced too; and a duplicate may have been published a
    // moment ago by a concurrent put that has not synced yet, so we sync its whole path.
    await fsyncDir(dir);
    let stop = dir;
    if (created !== undefined) stop = dirname(created);
    if (duplicate) stop = this.root;
    for (let d = dir; d !== stop && d !== dirname(d);) {
      d = dirname(d);
      await fsyncDir(d);
    }
  }

  async #exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  async get(sha256: string, range?: { start: number; end?: number }): Promise<Readable> {
    let handle: FileHandle;
    try {
      handle = await open(this.pathOf(sha256), 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') throw new AppError('blob.not_found', { hash: sha256 });
      throw error;
    }
    try {
      const { size } = await handle.stat();
      const start = range?.start ?? 0;
      const last = range?.end;
      if (
        !Number.isSafeInteger(start) ||
        start < 0 ||
        start > size ||
        (last !== undefined && (!Number.isSafeInteger(last) || last < start))
      ) {
        throw new AppError('usage.invalid_argument', {
          detail: `byte range ${start}-${last ?? ''} of a ${size}-byte blob`,
        });
      }
      // An end past the blob is clamped, as HTTP ranges are.
      const end = Math.min(last ?? size - 1, size - 1);
      if (end < start) {
        await handle.close();
        return Readable.from([]);
      }
      // The stream owns the handle from here and closes it when it ends or is destroyed.
      return handle.createReadStream({ start, end, autoClose: true });
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
  }

  async stat(sha256: string): Promise<BlobRef | null> {
    try {
      const info = await stat(this.pathOf(sha256));
      return { sha256, size: info.size };
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  /** Idempotent: deleting a missing blob is not an error. */
  async delete(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }

  /**
   * Removes temp files a crash left behind. Only files older than `olderThanMs` go, so a put
   * still streaming in this or another process is never pulled from under it. Returns the count.
   */
  async sweepTemp(olderThanMs: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.#tmp);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 0;
      throw error;
    }
    const cutoff = this.#clock.now() - olderThanMs;
    let removed = 0;
    for (const name of names) {
      const path = join(this.#tmp, name);
      try {
        const info = await stat(path);
        if (info.isFile() && info.mtimeMs < cutoff) {
          await unlink(path);
          removed++;
        }
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    }
    return removed;
  }
}
