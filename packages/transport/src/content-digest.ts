import { createHash, timingSafeEqual, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@cds/domain';
import { parseDictionary } from './structured-fields.js';

/**
 * RFC 9530 Content-Digest with sha-256 only. The node signs the digest before it streams the body,
 * so the digest must be known without reading the file twice: the blob store already holds every
 * file's hex SHA-256, which contentDigestFromHex turns into the header value.
 */
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function contentDigestOf(body: Uint8Array | string): string {
  return formatDigest(createHash('sha256').update(body).digest());
}

export function contentDigestFromHex(sha256Hex: string): string {
  const hex = sha256Hex.toLowerCase();
  if (!SHA256_HEX.test(hex))
    throw new AppError('validation.failed', { detail: 'a SHA-256 is 64 hex digits' });
  return formatDigest(Buffer.from(hex, 'hex'));
}

/** Bodiless requests (GET, DELETE) still sign a Content-Digest: the digest of zero bytes. */
export const EMPTY_BODY_DIGEST = contentDigestOf('');

export interface BodyDigest {
  readonly contentDigest: string;
  readonly sha256Hex: string;
  readonly bytes: number;
}

/** Hashes bytes as they pass, so the hub can hash while it writes the temporary blob. */
export class DigestingPassThrough extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private digest: BodyDigest | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.count += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const raw = this.hash.digest();
    this.digest = { contentDigest: formatDigest(raw), sha256Hex: raw.toString('hex'), bytes: this.count };
    callback();
  }

  /** Available once the stream has finished; asking earlier is a programming error. */
  result(): BodyDigest {
    if (this.digest === null) throw new AppError('internal.unexpected', { detail: 'digest read before end' });
    return this.digest;
  }
}

export async function digestReadable(source: Readable): Promise<BodyDigest> {
  const hasher = new DigestingPassThrough();
  await pipeline(source, hasher, async (chunks: AsyncIterable<Buffer>) => {
    for await (const _chunk of chunks) {
      // the hasher has already seen every chunk; draining lets the pipeline finish
    }
  });
  return hasher.result();
}

export function digestFile(path: string): Promise<BodyDigest> {
  return digestReadable(createReadStream(path));
}

/** The hex SHA-256 a Content-Digest field value announces, or AppError transport.bad_digest. */
export function sha256HexOfContentDigest(fieldValue: string | undefined): string {
  if (fieldValue === undefined || fieldValue.trim() === '') {
    throw new AppError('transport.bad_digest', { detail: 'the Content-Digest header is missing' });
  }
  const member = parseDictionary(fieldValue.trim(), 'transport.bad_digest').get('sha-256');
  if (member?.kind !== 'item' || member.value.type !== 'bytes' || member.value.value.length !== 32) {
    throw new AppError('transport.bad_digest', { detail: 'a sha-256 Content-Digest is required' });
  }
  return member.value.value.toString('hex');
}

/**
 * Called by the hub after it has streamed the body to a temporary file: only then is the actual
 * digest known, which is why this is apart from verifyRequest.
 */
export function checkBodyDigest(expectedHeaderValue: string, actualSha256Hex: string): void {
  const expected = sha256HexOfContentDigest(expectedHeaderValue);
  const actual = actualSha256Hex.toLowerCase();
  if (
    !SHA256_HEX.test(actual) ||
    !timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(actual, 'hex'))
  ) {
    throw new AppError('transport.bad_digest', {
      detail: `announced sha-256 ${expected}, received ${actual}`,
    });
  }
}

function formatDigest(raw: Buffer): string {
  return `sha-256=:${raw.toString('base64')}:`;
}
