/**
 * Opening a sealed payload in one streaming pass (SPEC §2.4): the age bytes are hashed as they
 * arrive, decrypted, the tar walked strictly, attachments streamed to the caller's sink, and at the
 * end the checks run in order — payload hash, decryption, archive format, manifest signature,
 * message id, names, every attachment hash — and the first failure is thrown under its own code.
 *
 * When a check fails the input is still read to its end, only hashed: an altered payload then fails
 * as "payload hash" (the check that proves who altered it) rather than as whatever the damage broke.
 */
import type { Readable, Transform } from 'node:stream';
import type { JWK } from 'jose';
import { AppError, causeText, isAppError } from '@cds/domain';
import { decryptStream, type Identity } from '@cds/crypto';
import { RunningDigest, digestsEqual, type PayloadDigest } from './digest.js';
import { verifyManifest, type Manifest } from './manifest.js';
import { readArchive, type ArchiveContents, type AttachmentSink } from './read-archive.js';

export interface OpenExpectations {
  readonly messageId: string;
  /** The sender's public message key, the one that verified the routing header. */
  readonly senderPublicJwk: JWK;
  /**
   * payloadSize / payloadSha256 of the verified routing header (see payloadDigestOf). A promise is
   * accepted so a payload can be opened while it is still being sealed (a self-check); it is only
   * compared at the end, and without a known size the input is not cut off early.
   */
  readonly payload: PayloadDigest | Promise<PayloadDigest>;
}

export interface OpenPayloadInput<T> {
  /** The age file. */
  readonly payload: Readable | AsyncIterable<Uint8Array>;
  /** The opener's X25519 identities (current and previous keys). */
  readonly identities: readonly Identity[];
  readonly expected: OpenExpectations;
  readonly sink: AttachmentSink<T>;
}

/** An attachment that passed every check: its bytes are the ones the sender signed for. */
export interface VerifiedAttachment<T> {
  readonly index: number;
  readonly path: string;
  readonly displayName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  /** What the sink returned for it. */
  readonly stored: T;
}

export interface OpenedPayload<T> {
  readonly manifest: Manifest;
  readonly attachments: readonly VerifiedAttachment<T>[];
  readonly payload: PayloadDigest;
}

type Outcome<T> =
  | { readonly ok: true; readonly contents: ArchiveContents<T> }
  | { readonly ok: false; readonly error: unknown };

function writable(stream: Transform): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Hashes every input byte; feeds the decryptor until it has failed, or the input is longer than promised. */
async function feed(
  payload: Readable | AsyncIterable<Uint8Array>,
  decryptor: Transform,
  limit: number | undefined,
): Promise<PayloadDigest> {
  const running = new RunningDigest();
  try {
    for await (const chunk of payload) {
      const bytes = chunk as Uint8Array;
      running.update(bytes);
      if (limit !== undefined && running.size > limit) break;
      if (decryptor.destroyed) continue;
      if (!decryptor.write(bytes)) await writable(decryptor);
    }
  } catch (error) {
    decryptor.destroy();
    throw error;
  }
  if (limit !== undefined && running.size > limit) decryptor.destroy();
  else if (!decryptor.destroyed) decryptor.end();
  return running.digest();
}

/** age's failure classes, renamed as the envelope check that failed. */
function asOpenError(error: unknown): unknown {
  if (!isAppError(error) || !error.code.startsWith('age.')) return error;
  if (error.code === 'age.no_match') return new AppError('envelope.not_a_recipient', {}, { cause: error });
  return new AppError('envelope.decryption_failed', { detail: causeText(error) }, { cause: error });
}

function payloadMismatch(measured: PayloadDigest, expected: PayloadDigest, cause: unknown): AppError {
  const detail =
    measured.size > expected.size
      ? `it is longer than the ${expected.size} bytes the header states`
      : measured.size < expected.size
        ? `it is ${measured.size} bytes, the header states ${expected.size}`
        : 'its SHA-256 differs from the header';
  return new AppError('envelope.payload_hash_mismatch', { detail }, { cause });
}

/**
 * Opens the payload. Attachments reach the sink before they can be verified (the manifest comes
 * last): only a returned result vouches for them. On a throw every attachment the sink stored is
 * unverified and must be discarded.
 */
export async function openPayload<T>(input: OpenPayloadInput<T>): Promise<OpenedPayload<T>> {
  const decryptor = decryptStream(input.identities, { armor: false });
  decryptor.on('error', () => undefined); // reported through the archive reader's iteration
  const inner: Promise<Outcome<T>> = readArchive(decryptor, input.sink).then(
    (contents) => ({ ok: true, contents }),
    (error: unknown) => {
      decryptor.destroy();
      return { ok: false, error };
    },
  );
  const known = input.expected.payload instanceof Promise ? undefined : input.expected.payload;
  let measured: PayloadDigest;
  try {
    measured = await feed(input.payload, decryptor, known?.size);
  } catch (error) {
    await inner; // let the sink finish failing before the caller starts discarding
    throw error;
  }
  const outcome = await inner;
  const expected = await input.expected.payload;
  if (!digestsEqual(measured, expected)) {
    throw payloadMismatch(measured, expected, outcome.ok ? undefined : outcome.error);
  }
  if (!outcome.ok) throw asOpenError(outcome.error);
  const { attachments, manifestJson, manifestJws } = outcome.contents;
  const manifest = await verifyManifest(
    manifestJson,
    manifestJws,
    input.expected.senderPublicJwk,
    input.expected.messageId,
    attachments,
  );
  return {
    manifest,
    payload: measured,
    attachments: attachments.map((delivered, i) => {
      const entry = manifest.attachments[i] as Manifest['attachments'][number];
      return { ...delivered, displayName: entry.displayName, mediaType: entry.mediaType };
    }),
  };
}
