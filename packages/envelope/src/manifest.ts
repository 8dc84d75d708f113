/**
 * The inner manifest (`manifest.json` + detached `manifest.jws`): the sender's signed statement of
 * which attachments the message holds. It is built from the *declared* sizes and hashes before any
 * byte is sealed, and sealing fails if the bytes disagree, so the signature never covers a guess.
 */
import type { JWK } from 'jose';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import { isUuidV7 } from '@cds/platform';
import { checkDisplayNames } from './display-names.js';
import { describeIssues, sha256Schema } from './header-schema.js';
import { signDetached, verifyCompact, type SigningKey } from './jws.js';
import {
  MANIFEST_FORMAT,
  MANIFEST_JWS_TYPE,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_MEDIA_TYPE_CHARS,
  attachmentPath,
} from './limits.js';

const TOKEN = '[A-Za-z0-9!#$&^_.+-]+';
// RFC 6838 type/subtype with optional RFC 2045 parameters (text/csv; charset=utf-8).
const MEDIA_TYPE = new RegExp(
  `^${TOKEN}/${TOKEN}(?: *; *${TOKEN}=(?:${TOKEN}|"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*"))*$`,
);

export const mediaTypeSchema = z
  .string()
  .max(MAX_MEDIA_TYPE_CHARS)
  .regex(MEDIA_TYPE, 'not a media type (type/subtype)');

export const manifestEntrySchema = z.strictObject({
  path: z.string(),
  displayName: z.string(),
  size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
  sha256: sha256Schema,
  mediaType: mediaTypeSchema,
});

export const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  messageId: z.string().refine(isUuidV7, 'not a lowercase UUIDv7'),
  attachments: z.array(manifestEntrySchema).max(MAX_ATTACHMENTS),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/** Size and SHA-256 of what actually came out of the archive for one attachment. */
export interface MeasuredEntry {
  readonly size: number;
  readonly sha256: string;
}

export interface SignedManifest {
  readonly manifest: Manifest;
  readonly json: Buffer;
  readonly jws: Buffer;
}

export async function signManifest(manifest: Manifest, signer: SigningKey): Promise<SignedManifest> {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const jws = Buffer.from(await signDetached(json, signer, MANIFEST_JWS_TYPE), 'ascii');
  return { manifest, json, jws };
}

function mismatch(detail: string): AppError {
  return new AppError('envelope.manifest_mismatch', { detail });
}

/**
 * The checks of SPEC §2.4 in order: signature by the sender, well-formed, this message, the same
 * attachments as the archive, acceptable names, then every size and hash. Each names its failure.
 */
export async function verifyManifest(
  json: Uint8Array,
  jws: Uint8Array,
  senderPublicJwk: JWK,
  messageId: string,
  measured: readonly MeasuredEntry[],
): Promise<Manifest> {
  const verdict = await verifyCompact(
    Buffer.from(jws).toString('latin1'),
    senderPublicJwk,
    MANIFEST_JWS_TYPE,
    json,
  );
  if (!verdict.ok) throw new AppError('envelope.manifest_signature_invalid', { detail: verdict.detail });
  let parsed: z.ZodSafeParseResult<Manifest>;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(Buffer.from(json).toString('utf8')));
  } catch {
    throw new AppError('envelope.format_invalid', { detail: 'manifest.json is not JSON' });
  }
  if (!parsed.success) {
    throw new AppError('envelope.format_invalid', {
      detail: `manifest.json: ${describeIssues(parsed.error)}`,
    });
  }
  const manifest = parsed.data;
  if (manifest.messageId !== messageId) {
    throw mismatch(`it belongs to message ${manifest.messageId}, not ${messageId}`);
  }
  if (manifest.attachments.length !== measured.length) {
    throw mismatch(
      `it lists ${manifest.attachments.length} attachments, the archive holds ${measured.length}`,
    );
  }
  manifest.attachments.forEach((entry, i) => {
    if (entry.path !== attachmentPath(i + 1)) throw mismatch(`entry ${i + 1} names path ${entry.path}`);
  });
  checkDisplayNames(manifest.attachments.map((entry) => entry.displayName));
  manifest.attachments.forEach((entry, i) => {
    const actual = measured[i] as MeasuredEntry;
    const detail =
      actual.size !== entry.size
        ? `size ${actual.size}, manifest says ${entry.size}`
        : actual.sha256 !== entry.sha256
          ? 'SHA-256 differs from the manifest'
          : undefined;
    if (detail)
      throw new AppError('envelope.attachment_hash_mismatch', { index: i + 1, path: entry.path, detail });
  });
  return manifest;
}
