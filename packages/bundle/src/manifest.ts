/**
 * manifest.json of a bundle (SPEC §5): format version, exporting party, destination, time, and per
 * message its id, the SHA-256 of its routing header and the size and SHA-256 of its payload. The
 * manifest is what manifest.jws signs, so these hashes bind every other entry to the signer.
 */
import { z } from 'zod';
import { AppError } from '@cds/domain';
import {
  messageIdSchema,
  partySchema,
  sha256HexSchema,
  signerKidSchema,
  wholeNumberSchema,
} from '@cds/contracts';
import { BUNDLE_FORMAT, HUB_PARTY, MAX_BUNDLE_MESSAGES, MAX_PAYLOAD_BYTES } from './limits.js';

export const bundleMessageSchema = z.strictObject({
  id: messageIdSchema,
  headerSha256: sha256HexSchema,
  payloadSize: wholeNumberSchema.max(MAX_PAYLOAD_BYTES),
  payloadSha256: sha256HexSchema,
});

const hubSchema = z.literal(HUB_PARTY);

/**
 * `upload`: a node's SEND_FAIL messages for the hub to ingest as if uploaded, signed with the
 * node's transport key. `delivery`: the hub's waiting deliveries for one party (`export-for`),
 * signed with the hub key.
 */
export const bundleManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  kind: z.enum(['upload', 'delivery']),
  exportedBy: z.union([hubSchema, partySchema]),
  /** Who may read it: `hub` for an upload bundle, the party for a delivery bundle (checked by the reader). */
  exportedFor: z.union([hubSchema, partySchema]),
  exportedAt: wholeNumberSchema,
  signerKid: signerKidSchema,
  messages: z.array(bundleMessageSchema).min(1).max(MAX_BUNDLE_MESSAGES),
});

export type BundleMessage = z.infer<typeof bundleMessageSchema>;
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The manifest's bytes as read from the bundle. The format is looked at first, so a bundle from a
 * newer (or older) CDS is told apart from a damaged one; duplicates are the reader's own check.
 */
export function parseManifest(bytes: Uint8Array): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new AppError('bundle.manifest_invalid', { detail: 'it is not UTF-8 JSON' });
  }
  const format =
    typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (typeof format !== 'string' || !format.startsWith('cds-bundle/')) {
    throw new AppError('bundle.not_a_bundle', { detail: 'manifest.json has no cds-bundle format' });
  }
  if (format !== BUNDLE_FORMAT) {
    throw new AppError('bundle.unsupported_version', {
      version: format.slice(0, 40),
      supported: BUNDLE_FORMAT,
    });
  }
  const parsed = bundleManifestSchema.safeParse(json);
  if (!parsed.success) throw new AppError('bundle.manifest_invalid', { detail: describe(parsed.error) });
  const seen = new Set<string>();
  for (const message of parsed.data.messages) {
    if (seen.has(message.id))
      throw new AppError('bundle.duplicate_entry', { entry: `message ${message.id}` });
    seen.add(message.id);
  }
  return parsed.data;
}

/** The bytes manifest.jws signs: compact JSON, one line, as written. */
export function serialiseManifest(manifest: BundleManifest): Buffer {
  return Buffer.from(JSON.stringify(bundleManifestSchema.parse(manifest)), 'utf8');
}
