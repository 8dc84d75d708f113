/** Test helpers: parties with fresh keys, in-memory attachments and sinks, seal/open round trips. */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { JWK } from 'jose';
import { generateX25519Identity, type Identity } from '@cds/crypto';
import { isAppError } from '@cds/domain';
import { createIdGenerator } from '@cds/platform';
import {
  openPayload,
  sealPayload,
  type AttachmentSink,
  type AttachmentSource,
  type OpenedPayload,
  type PayloadDigest,
} from '../index.js';

export interface TestParty {
  readonly code: string;
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
  readonly identity: Identity;
  readonly recipient: string;
}

export function makeParty(code: string): TestParty {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const age = generateX25519Identity();
  return {
    code,
    kid: randomBytes(8).toString('hex'),
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d },
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
    identity: { kind: 'x25519', identity: age.identity },
    recipient: age.recipient,
  };
}

const ids = createIdGenerator();
export const newMessageId = (): string => ids.next();

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function piecesOf(data: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) pieces.push(data.subarray(i, i + size));
  return pieces;
}

/** An attachment whose recorded size and hash are those of `bytes` unless overridden. */
export function attachment(
  displayName: string,
  bytes: Buffer,
  overrides: Partial<Omit<AttachmentSource, 'open'>> & { content?: Buffer } = {},
): AttachmentSource {
  const { content = bytes, ...declared } = overrides;
  return {
    displayName,
    mediaType: 'application/octet-stream',
    size: bytes.length,
    sha256: sha256(bytes),
    ...declared,
    open: () => Readable.from(piecesOf(content, 7919)),
  };
}

export async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A sink that keeps each attachment in memory, returning its bytes. */
export const memorySink: AttachmentSink<Buffer> = async (_attachment, content) => collect(content);

export interface Sealed {
  readonly messageId: string;
  readonly payload: Buffer;
  readonly digest: PayloadDigest;
}

export async function sealToBuffer(
  sender: TestParty,
  recipients: readonly TestParty[],
  attachments: readonly AttachmentSource[],
  messageId = newMessageId(),
): Promise<Sealed> {
  const sealed = sealPayload({
    messageId,
    sender: { kid: sender.kid, privateJwk: sender.privateJwk, ageRecipient: sender.recipient },
    recipients: recipients.map((party) => party.recipient),
    attachments,
  });
  const payload = await collect(sealed.stream);
  return { messageId, payload, digest: await sealed.done };
}

export function openBuffer(
  sealed: Sealed,
  opener: TestParty,
  sender: TestParty,
  pieceSize = 65_521,
): Promise<OpenedPayload<Buffer>> {
  return openPayload({
    payload: Readable.from(piecesOf(sealed.payload, pieceSize)),
    identities: [opener.identity],
    expected: { messageId: sealed.messageId, senderPublicJwk: sender.publicJwk, payload: sealed.digest },
    sink: memorySink,
  });
}

/** The AppError code a promise rejects with (fails the test if it resolves or throws something else). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a rejection');
}
