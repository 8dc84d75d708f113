/**
 * Sealing in one streaming pass (SPEC §2.4): attachments → tar (tar-stream pack) → age to every
 * recipient and the sender → the caller's store, with the age file's size and SHA-256 measured on
 * the way for the routing header. No attachment is ever held in memory.
 */
import type { Readable } from 'node:stream';
import { Readable as ReadableStream, pipeline } from 'node:stream';
import type { JWK } from 'jose';
import { pack as tarPack, type Pack } from 'tar-stream';
import { AppError } from '@cds/domain';
import { encryptStream } from '@cds/crypto';
import { isUuidV7 } from '@cds/platform';
import { DigestTap, type PayloadDigest } from './digest.js';
import { checkDisplayNames } from './display-names.js';
import { sha256Schema } from './header-schema.js';
import { mediaTypeSchema, signManifest, type Manifest, type SignedManifest } from './manifest.js';
import { writeAttachmentEntry, writeBufferEntry } from './write-entry.js';
import {
  MANIFEST_FORMAT,
  MANIFEST_JWS_PATH,
  MANIFEST_PATH,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  attachmentPath,
} from './limits.js';

export interface AttachmentSource {
  readonly displayName: string;
  readonly mediaType: string;
  /** Size and SHA-256 recorded when the attachment was added; sealing fails if the bytes differ. */
  readonly size: number;
  readonly sha256: string;
  /** Opens the bytes; called once, when this attachment's turn comes. */
  open(): Readable | AsyncIterable<Uint8Array>;
}

export interface SealPayloadInput {
  /** The message id (lowercase UUIDv7), bound into the signed manifest. */
  readonly messageId: string;
  readonly sender: {
    readonly kid: string;
    /** The sender's message Ed25519 key, signing manifest.jws. */
    readonly privateJwk: JWK;
    /** The sender's own age1… key, so the sender can reopen what it sent. */
    readonly ageRecipient: string;
  };
  /** The age1… key of every recipient party (one X25519 stanza each; exact duplicates collapse). */
  readonly recipients: readonly string[];
  /** Zero or more; a message without attachments carries only its routing header. */
  readonly attachments: readonly AttachmentSource[];
  /** Modification time written into the tar entries (epoch ms); default now. */
  readonly sealedAt?: number;
}

export interface SealedPayload {
  /** The age file. Pipe it to the payload store; it errors if any attachment fails its check. */
  readonly stream: Readable;
  /** Size and SHA-256 of the age file, once `stream` has been read to its end; rejects with its error. */
  readonly done: Promise<PayloadDigest>;
  /** What manifest.json says (built from the declared sizes and hashes). */
  readonly manifest: Manifest;
}

function invalid(detail: string): AppError {
  return new AppError('validation.failed', { detail });
}

function validate(input: SealPayloadInput): void {
  if (!isUuidV7(input.messageId)) throw invalid('the message id is not a lowercase UUIDv7');
  if (input.recipients.length === 0) throw invalid('a payload needs at least one recipient');
  if (input.attachments.length > MAX_ATTACHMENTS) {
    throw invalid(`a message holds at most ${MAX_ATTACHMENTS} attachments`);
  }
  checkDisplayNames(input.attachments.map((attachment) => attachment.displayName));
  input.attachments.forEach((attachment, i) => {
    const { size, sha256, mediaType } = attachment;
    if (!Number.isSafeInteger(size) || size < 0 || size > MAX_ATTACHMENT_BYTES) {
      throw invalid(`attachment ${i + 1}: size ${size} is out of range`);
    }
    if (!sha256Schema.safeParse(sha256).success) throw invalid(`attachment ${i + 1}: malformed SHA-256`);
    if (!mediaTypeSchema.safeParse(mediaType).success) {
      throw invalid(`attachment ${i + 1}: ${JSON.stringify(mediaType.slice(0, 80))} is not a media type`);
    }
  });
}

function manifestOf(input: SealPayloadInput): Manifest {
  return {
    format: MANIFEST_FORMAT,
    messageId: input.messageId,
    attachments: input.attachments.map((attachment, i) => ({
      path: attachmentPath(i + 1),
      displayName: attachment.displayName,
      size: attachment.size,
      sha256: attachment.sha256,
      mediaType: attachment.mediaType,
    })),
  };
}

async function writeArchive(
  pack: Pack,
  input: SealPayloadInput,
  signing: Promise<SignedManifest>,
  mtime: Date,
): Promise<void> {
  // Signed before the first byte is read, so a bad signing key fails fast rather than after gigabytes.
  const signed = await signing;
  for (const [i, attachment] of input.attachments.entries()) {
    await writeAttachmentEntry(pack, { index: i + 1, path: attachmentPath(i + 1), mtime }, attachment);
  }
  await writeBufferEntry(pack, MANIFEST_PATH, signed.json, mtime);
  await writeBufferEntry(pack, MANIFEST_JWS_PATH, signed.jws, mtime);
  pack.finalize();
}

/**
 * Starts sealing. Bad input (names, sizes, hashes, media types, recipients) throws here, before
 * anything is read; a failure while streaming (an attachment that changed, a read error) errors
 * `stream` and rejects `done`, and the partial output must be discarded.
 */
export function sealPayload(input: SealPayloadInput): SealedPayload {
  validate(input);
  const recipients = [...new Set([...input.recipients, input.sender.ageRecipient])];
  const encryptor = encryptStream(recipients.map((recipient) => ({ kind: 'x25519', recipient })));
  const manifest = manifestOf(input);
  const signing = signManifest(manifest, { kid: input.sender.kid, privateJwk: input.sender.privateJwk });
  signing.catch(() => undefined);
  const pack = tarPack();
  pack.on('error', () => undefined); // surfaced by the pipeline below
  writeArchive(pack, input, signing, new Date(input.sealedAt ?? Date.now())).catch((error: unknown) =>
    pack.destroy(error as Error),
  );
  const tap = new DigestTap();
  const done = new Promise<PayloadDigest>((resolve, reject) => {
    pipeline(ReadableStream.from(pack, { objectMode: false }), encryptor, tap, (error) => {
      if (error) reject(error);
      else resolve(tap.digest);
    });
  });
  // The caller may watch only the stream; its error is the same one.
  done.catch(() => undefined);
  return { stream: tap, done, manifest };
}
