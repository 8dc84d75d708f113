/**
 * A deliberately permissive zip writer for tests: every field a hostile tool could set is a knob
 * (names as raw bytes, sizes that lie, attributes, flags, methods, offsets, entry counts), which no
 * real library allows. Output is a Buffer; test bundles are small.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface CraftEntry {
  readonly name: string | Buffer;
  /** The bytes as they appear in the file (already deflated when method is 8). */
  readonly data: Buffer;
  readonly method?: number;
  /** Defaults: the data length (stored) or what `inflated` says. */
  readonly uncompressedSize?: number;
  readonly compressedSize?: number;
  readonly crc?: number;
  readonly flags?: number;
  readonly externalAttributes?: number;
  /** A different name in the local header than in the central directory. */
  readonly localName?: Buffer;
  /** Sizes the local header states, when they should differ from the central record. */
  readonly localSizes?: { readonly compressed: number; readonly uncompressed: number };
  /** Point the central record at another entry's local header (by index). */
  readonly offsetOf?: number;
}

export interface CraftOptions {
  /** The entry count the end record claims. */
  readonly entryCount?: number;
}

const UTF8 = 0x800;
const REGULAR_FILE = (0o100644 << 16) >>> 0;
const MADE_BY_UNIX = (3 << 8) | 63;

function nameBytes(name: string | Buffer): Buffer {
  return typeof name === 'string' ? Buffer.from(name, 'utf8') : name;
}

/** A stored entry. */
export function stored(
  name: string | Buffer,
  data: Buffer | string,
  extra: Partial<CraftEntry> = {},
): CraftEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, data: bytes, method: 0, uncompressedSize: bytes.length, crc: crc32(bytes), ...extra };
}

/** A deflated entry whose records state the true inflated size unless told otherwise. */
export function deflated(name: string, plain: Buffer, extra: Partial<CraftEntry> = {}): CraftEntry {
  return {
    name,
    data: deflateRawSync(plain),
    method: 8,
    uncompressedSize: plain.length,
    crc: crc32(plain),
    ...extra,
  };
}

export function craftZip(entries: readonly CraftEntry[], options: CraftOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = entry.localName ?? nameBytes(entry.name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(entry.flags ?? UTF8, 6);
    head.writeUInt16LE(entry.method ?? 0, 8);
    head.writeUInt32LE(entry.crc ?? crc32(entry.data), 14);
    head.writeUInt32LE(entry.localSizes?.compressed ?? entry.compressedSize ?? entry.data.length, 18);
    head.writeUInt32LE(entry.localSizes?.uncompressed ?? entry.uncompressedSize ?? entry.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    head.writeUInt16LE(0, 28);
    offsets.push(offset);
    locals.push(head, name, entry.data);
    offset += head.length + name.length + entry.data.length;
  }
  const central: Buffer[] = [];
  const centralStart = offset;
  entries.forEach((entry, index) => {
    const name = nameBytes(entry.name);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(MADE_BY_UNIX, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(entry.flags ?? UTF8, 8);
    record.writeUInt16LE(entry.method ?? 0, 10);
    record.writeUInt32LE(entry.crc ?? crc32(entry.data), 16);
    record.writeUInt32LE(entry.compressedSize ?? entry.data.length, 20);
    record.writeUInt32LE(entry.uncompressedSize ?? entry.data.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(entry.externalAttributes ?? REGULAR_FILE, 38);
    record.writeUInt32LE(offsets[entry.offsetOf ?? index] ?? 0, 42);
    central.push(record, name);
    offset += record.length + name.length;
  });
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = options.entryCount ?? entries.length;
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(offset - centralStart, 12);
  end.writeUInt32LE(centralStart, 16);
  return Buffer.concat([...locals, ...central, end]);
}
