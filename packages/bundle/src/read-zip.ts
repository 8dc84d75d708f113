/**
 * A zip reader that believes nothing a hostile file says (SPEC §5). yauzl parses the records; this
 * file decides: entry count before the central directory is read, every record checked (names,
 * type, features, sizes, duplicates), local headers compared with the central directory, data
 * ranges proven disjoint and inside the file, and every byte read counted against the size the
 * record declares. Nothing is extracted to disk by name, ever.
 */
import { open as openFile } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError, isAppError } from '@cds/domain';
import {
  checkEntryFeatures,
  checkEntryName,
  checkEntrySizes,
  checkEntryType,
  shown,
} from './entry-checks.js';
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_ENTRIES } from './limits.js';

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const DATA_DESCRIPTOR = 0x8;
const ZIP64_MARK = 0xffffffff;

export interface ZipEntry {
  readonly name: string;
  /** Uncompressed size as declared (and enforced when read). */
  readonly size: number;
  readonly record: Entry;
}

export interface ZipIndex {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /** The entry's bytes, exactly `size` of them or a bundle.* error. */
  stream(name: string): Promise<Readable>;
  /** The whole entry in memory; only for the small ones (manifest, headers). */
  read(name: string): Promise<Buffer>;
  close(): void;
}

export interface ZipLimits {
  /** Largest accepted uncompressed size for an entry of this name. */
  readonly maxEntryBytes: (name: string) => number;
}

/** yauzl reports everything as a plain Error; each becomes the bundle.* reason it stands for. */
function classify(error: unknown, context: string): AppError {
  if (isAppError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/EOF|end of central directory record signature not found/i.test(message)) {
    return new AppError('bundle.truncated', { detail: `${context}: ${message}` });
  }
  if (/encrypt|multi-disk/i.test(message)) {
    return new AppError('bundle.unsupported_feature', { detail: `${context}: ${message}` });
  }
  return new AppError('bundle.corrupt', { detail: `${context}: ${message}` });
}

async function firstBytes(path: string): Promise<{ head: Buffer; size: number }> {
  let handle;
  try {
    handle = await openFile(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('bundle.file_not_found', { file: path });
    }
    throw error;
  }
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return { head: head.subarray(0, bytesRead), size: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}

async function openArchive(path: string): Promise<ZipFile> {
  const { head } = await firstBytes(path);
  if (!head.equals(LOCAL_HEADER) && !head.equals(EMPTY_ZIP)) {
    throw new AppError('bundle.not_a_bundle', { detail: 'it is not a zip file' });
  }
  try {
    return await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    throw classify(error, 'the end of the zip');
  }
}

async function listEntries(zip: ZipFile, limits: ZipLimits): Promise<Map<string, ZipEntry>> {
  if (zip.entryCount > MAX_BUNDLE_ENTRIES) {
    throw new AppError('bundle.too_many_entries', { count: zip.entryCount, limit: MAX_BUNDLE_ENTRIES });
  }
  const entries = new Map<string, ZipEntry>();
  const folded = new Set<string>();
  let total = 0;
  try {
    for await (const record of zip.eachEntry()) {
      const name = checkEntryName(record.fileNameRaw);
      if (folded.has(name.toLowerCase()))
        throw new AppError('bundle.duplicate_entry', { entry: shown(name) });
      folded.add(name.toLowerCase());
      checkEntryType(name, record);
      checkEntryFeatures(name, record);
      checkEntrySizes(name, record, limits.maxEntryBytes(name));
      total += record.uncompressedSize;
      if (total > MAX_BUNDLE_BYTES) {
        throw new AppError('bundle.too_large', { entry: 'the bundle', size: total, limit: MAX_BUNDLE_BYTES });
      }
      entries.set(name, { name, size: record.uncompressedSize, record });
    }
  } catch (error) {
    throw classify(error, 'the central directory');
  }
  return entries;
}

/**
 * Each central record against its local header, and the data ranges against each other: two
 * records sharing bytes is how a small zip claims terabytes (overlapping-file bombs), and a local
 * header that disagrees with the directory is how one tool sees a different file than another.
 */
async function checkLayout(zip: ZipFile, entries: Iterable<ZipEntry>): Promise<void> {
  const ranges: Array<{ name: string; start: number; end: number }> = [];
  for (const { name, record } of entries) {
    let local;
    try {
      local = await zip.readLocalFileHeaderPromise(record);
    } catch (error) {
      throw classify(error, shown(name));
    }
    if (!local.fileName.equals(record.fileNameRaw) || local.compressionMethod !== record.compressionMethod) {
      throw new AppError('bundle.corrupt', { detail: `the local header of ${shown(name)} disagrees` });
    }
    const described = (local.generalPurposeBitFlag & DATA_DESCRIPTOR) === 0;
    const sizesMatch =
      (local.compressedSize === record.compressedSize || local.compressedSize === ZIP64_MARK) &&
      (local.uncompressedSize === record.uncompressedSize || local.uncompressedSize === ZIP64_MARK);
    if (described && !sizesMatch) {
      throw new AppError('bundle.size_mismatch', {
        entry: shown(name),
        detail: 'the local header and the central directory state different sizes',
      });
    }
    const end = local.fileDataStart + record.compressedSize;
    if (end > zip.fileSize) {
      throw new AppError('bundle.truncated', { detail: `${shown(name)} runs past the end of the file` });
    }
    ranges.push({ name, start: record.relativeOffsetOfLocalHeader, end });
  }
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i++) {
    const previous = ranges[i - 1];
    const current = ranges[i];
    if (previous && current && current.start < previous.end) {
      throw new AppError('bundle.compression_bomb', {
        detail: `${shown(previous.name)} and ${shown(current.name)} share bytes`,
      });
    }
  }
}

/** Passes exactly `size` bytes on; more or fewer is a size lie, a bad inflate is damage. */
function exactly(name: string, size: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > size) {
        done(new AppError('bundle.size_mismatch', { entry: shown(name), detail: `more than ${size} bytes` }));
        return;
      }
      done(null, chunk);
    },
    flush(done) {
      done(
        seen === size
          ? null
          : new AppError('bundle.size_mismatch', {
              entry: shown(name),
              detail: `${seen} bytes, not ${size}`,
            }),
      );
    },
  });
}

export async function openZip(path: string, limits: ZipLimits): Promise<ZipIndex> {
  const zip = await openArchive(path);
  try {
    const entries = await listEntries(zip, limits);
    await checkLayout(zip, entries.values());
    const stream = async (name: string): Promise<Readable> => {
      const entry = entries.get(name);
      if (!entry) throw new AppError('bundle.missing_entry', { detail: `${shown(name)} is missing` });
      let raw: Readable;
      try {
        raw = await zip.openReadStreamPromise(entry.record);
      } catch (error) {
        throw classify(error, shown(name));
      }
      const counted = exactly(name, entry.size);
      raw.on('error', (error) => counted.destroy(classify(error, shown(name))));
      return raw.pipe(counted);
    };
    return {
      entries,
      stream,
      async read(name) {
        const chunks: Buffer[] = [];
        for await (const chunk of await stream(name)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}
