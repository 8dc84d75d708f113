/**
 * Walks the decrypted tar in its one allowed order: attachments/0001, 0002, …, manifest.json,
 * manifest.jws, end. Attachments stream to the caller's sink as they come (the manifest that vouches
 * for them comes last), hashed on the way; the small manifest entries are kept for verification.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  ByteSource,
  expectEnd,
  formatError,
  readHeader,
  skipPadding,
  type TarEntryHeader,
} from './tar-reader.js';
import {
  MANIFEST_JWS_PATH,
  MANIFEST_PATH,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_MANIFEST_BYTES,
  MAX_MANIFEST_JWS_BYTES,
  attachmentPath,
} from './limits.js';

/** What the archive says about an attachment before anything about it is verified. */
export interface ArchivedAttachment {
  /** 1-based position, as in attachments/0001. */
  readonly index: number;
  readonly path: string;
  readonly size: number;
}

/**
 * Receives one attachment's bytes and stores them somewhere (a blob store, a temporary file) and
 * must read the stream to its end. Display name and media type are not known yet: they come with the
 * manifest, after every attachment.
 */
export type AttachmentSink<T> = (attachment: ArchivedAttachment, content: Readable) => Promise<T>;

export interface DeliveredAttachment<T> extends ArchivedAttachment {
  readonly sha256: string;
  readonly stored: T;
}

export interface ArchiveContents<T> {
  readonly attachments: readonly DeliveredAttachment<T>[];
  readonly manifestJson: Buffer;
  readonly manifestJws: Buffer;
}

async function deliver<T>(
  source: ByteSource,
  attachment: ArchivedAttachment,
  sink: AttachmentSink<T>,
): Promise<DeliveredAttachment<T>> {
  const hash = createHash('sha256');
  let sourceError: Error | undefined;
  async function* body(): AsyncGenerator<Buffer, void, undefined> {
    try {
      for await (const piece of source.stream(attachment.size)) {
        hash.update(piece);
        yield piece;
      }
    } catch (error) {
      sourceError = error as Error;
      throw error;
    }
  }
  const content = Readable.from(body(), { objectMode: false });
  let stored: T;
  try {
    stored = await sink(attachment, content);
  } catch (error) {
    // A decryption or format failure reaches the sink as a stream error; report the cause, not the sink's view of it.
    throw sourceError ?? error;
  }
  if (sourceError !== undefined) throw sourceError;
  if (!content.readableEnded) {
    content.destroy();
    throw new Error(`the sink for ${attachment.path} returned before reading it to the end`);
  }
  return { ...attachment, sha256: hash.digest('hex'), stored };
}

async function readSmall(source: ByteSource, entry: TarEntryHeader, limit: number): Promise<Buffer> {
  if (entry.size > limit) throw formatError(`${entry.name} is larger than ${limit} bytes`);
  const bytes = await source.exactly(entry.size);
  if (!bytes) throw formatError('the archive ends inside an entry');
  await skipPadding(source, entry.size);
  return bytes;
}

function unexpected(entry: TarEntryHeader | 'end', expected: string): never {
  throw formatError(
    entry === 'end'
      ? `the archive ends where ${expected} belongs`
      : `found entry "${entry.name}" where ${expected} belongs`,
  );
}

export async function readArchive<T>(
  plaintext: AsyncIterable<unknown>,
  sink: AttachmentSink<T>,
): Promise<ArchiveContents<T>> {
  const source = new ByteSource(plaintext);
  const attachments: DeliveredAttachment<T>[] = [];
  let entry = await readHeader(source);
  while (entry !== 'end' && entry.name === attachmentPath(attachments.length + 1)) {
    if (attachments.length === MAX_ATTACHMENTS) throw formatError(`more than ${MAX_ATTACHMENTS} attachments`);
    if (entry.size > MAX_ATTACHMENT_BYTES) throw formatError(`${entry.name} is larger than the limit`);
    const index = attachments.length + 1;
    attachments.push(await deliver(source, { index, path: entry.name, size: entry.size }, sink));
    await skipPadding(source, entry.size);
    entry = await readHeader(source);
  }
  if (entry === 'end' || entry.name !== MANIFEST_PATH) {
    unexpected(entry, `${attachmentPath(attachments.length + 1)} or ${MANIFEST_PATH}`);
  }
  const manifestJson = await readSmall(source, entry, MAX_MANIFEST_BYTES);
  const signature = await readHeader(source);
  if (signature === 'end' || signature.name !== MANIFEST_JWS_PATH) unexpected(signature, MANIFEST_JWS_PATH);
  const manifestJws = await readSmall(source, signature, MAX_MANIFEST_JWS_BYTES);
  await expectEnd(source);
  return { attachments, manifestJson, manifestJws };
}
