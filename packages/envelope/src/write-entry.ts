/**
 * Writing tar entries into a tar-stream pack with backpressure, and checking each attachment's bytes
 * against the size and SHA-256 recorded when it was added. The check fails *before* the entry is
 * completed, so the age file never gets its final chunk and cannot be opened as if it were whole.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Pack } from 'tar-stream';
import { AppError } from '@cds/domain';

interface EntryTarget {
  readonly index: number;
  readonly path: string;
  readonly mtime: Date;
}

interface DeclaredContent {
  readonly size: number;
  readonly sha256: string;
  open(): Readable | AsyncIterable<Uint8Array>;
}

type EntryStream = ReturnType<Pack['entry']>;

function changed(index: number, detail: string): AppError {
  return new AppError('envelope.attachment_changed', { index, detail });
}

/** Opens an entry and a promise that settles when tar-stream has taken all of it (or failed). */
function openEntry(pack: Pack, name: string, size: number, mtime: Date) {
  let entry: EntryStream | undefined;
  const written = new Promise<void>((resolve, reject) => {
    entry = pack.entry({ name, size, mtime, mode: 0o644, type: 'file' }, (error) =>
      error ? reject(error) : resolve(),
    );
  });
  written.catch(() => undefined);
  // tar-stream also emits the failure on the entry; it reaches us through the callback above.
  (entry as EntryStream).on('error', () => undefined);
  return { entry: entry as EntryStream, written };
}

/** Resolves on 'drain'; rejects if the entry is torn down first (the consumer went away). */
function drained(entry: EntryStream): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error): void => {
      entry.off('drain', onDrain);
      entry.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onClose = (): void => settle(new Error('the tar entry closed while being written'));
    entry.on('drain', onDrain);
    entry.on('close', onClose);
    if (entry.destroying) onClose();
  });
}

export async function writeAttachmentEntry(
  pack: Pack,
  target: EntryTarget,
  content: DeclaredContent,
): Promise<void> {
  const { entry, written } = openEntry(pack, target.path, content.size, target.mtime);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of content.open()) {
    const bytes = chunk as Uint8Array;
    size += bytes.length;
    // Stop at the first excess byte: tar-stream would otherwise write past the declared entry size.
    if (size > content.size) throw changed(target.index, `longer than the recorded ${content.size} bytes`);
    hash.update(bytes);
    if (!entry.write(bytes)) await drained(entry);
  }
  if (size !== content.size) throw changed(target.index, `${size} bytes, recorded ${content.size}`);
  if (hash.digest('hex') !== content.sha256)
    throw changed(target.index, 'SHA-256 differs from the recorded one');
  entry.end(undefined);
  await written;
}

export async function writeBufferEntry(pack: Pack, name: string, bytes: Buffer, mtime: Date): Promise<void> {
  const { entry, written } = openEntry(pack, name, bytes.length, mtime);
  entry.end(bytes);
  await written;
}
