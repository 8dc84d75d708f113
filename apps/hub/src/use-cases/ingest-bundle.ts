import { basename } from 'node:path';
import { AppError, type AcceptedMessage } from '@cds/domain';
import {
  HUB_PARTY,
  checkDestination,
  manifestSignerKid,
  openBundle,
  verifyBundleSignature,
  type OpenedBundle,
} from '@cds/bundle';
import type { RoutingHeader } from '@cds/envelope';
import { faultPoint } from '@cds/platform';
import type { HubContext } from '../hub-context.js';
import { acceptedMessage, screenUpload, storePayload } from './accept-upload.js';

export interface IngestBundleInput {
  /** The bundle file to read. */
  readonly file: string;
  /** The operator, recorded with each ingested message. */
  readonly actor: string;
  /** The name to record (an uploaded file's original name); defaults to the file's own. */
  readonly name?: string;
}

export interface IngestedMessage {
  readonly id: string;
  /** `accepted` now, or a `duplicate` of a message already uploaded or ingested (nothing changed). */
  readonly outcome: 'accepted' | 'duplicate';
}

export interface IngestResult {
  readonly party: string;
  readonly messages: readonly IngestedMessage[];
}

/**
 * The manifest must be signed by a live transport key of the party that exported it: the same key
 * that signs that party's uploads (SPEC §2.2), so a bundle proves no more and no less than they do.
 */
async function checkSigner(context: HubContext, bundle: OpenedBundle): Promise<void> {
  const party = bundle.manifest.exportedBy;
  const kid = manifestSignerKid(bundle.manifestJws);
  const key = await context.registry.transportKey(kid);
  if (!key || key.party !== party || key.revokedAt !== null) {
    throw new AppError('bundle.signature_invalid', {
      detail: `signed by ${kid}, which is not a live transport key of ${party}`,
    });
  }
  await verifyBundleSignature(bundle, { kid, x: key.publicJwk.x });
}

interface Fresh {
  readonly header: RoutingHeader;
  readonly headerJws: string;
}

/**
 * Every message checked as if uploaded (screenUpload: header, signature, key validity at the hub's
 * time or the resend grace, recipients, size) and its payload hashed, before anything is written.
 */
async function screenAll(context: HubContext, bundle: OpenedBundle): Promise<Fresh[]> {
  const now = context.clock.now();
  const fresh: Fresh[] = [];
  for (const listed of bundle.manifest.messages) {
    const headerJws = await bundle.header(listed.id);
    const screened = await screenUpload(
      context,
      { id: listed.id, caller: bundle.manifest.exportedBy, headerJws },
      now,
    );
    if ('repeat' in screened) continue;
    const { header } = screened;
    // The manifest's digest plays the part of the upload's signed Content-Digest.
    if (listed.payloadSha256 !== header.payloadSha256 || listed.payloadSize !== header.payloadSize) {
      throw new AppError('envelope.payload_hash_mismatch', {
        detail: `manifest.json lists another payload for ${listed.id} than its routing header`,
      });
    }
    await bundle.checkPayload(listed.id);
    fresh.push({ header, headerJws });
  }
  return fresh;
}

/**
 * `cds hub ingest FILE` and POST /v1/bundles (SPEC §5): a school's export of SEND_FAIL messages,
 * taken as if each had been uploaded. Everything is verified before anything changes; then the
 * payloads go to the blob store (fsynced) and every message is committed in one transaction with
 * its deliveries and acceptance receipt, deduplicated with uploads by (id, sender, payload). The
 * school's next cycle fetches the acceptance receipts (SEND_FAIL → SENT).
 */
export async function ingestBundle(context: HubContext, input: IngestBundleInput): Promise<IngestResult> {
  const bundle = await openBundle(input.file);
  try {
    checkDestination(bundle, { kind: 'upload', reader: HUB_PARTY });
    await checkSigner(context, bundle);
    const fresh = await screenAll(context, bundle);

    const accepted: AcceptedMessage[] = [];
    for (const { header, headerJws } of fresh) {
      const blob = await storePayload(context, await bundle.payload(header.id), header);
      accepted.push({
        message: await acceptedMessage(context, header, headerJws, blob),
        recipients: header.to,
      });
    }
    faultPoint('hub.ingest.blobs_stored');
    const results = await context.bundles.ingestAll(accepted, {
      at: context.clock.now(),
      by: input.actor,
      file: input.name ?? basename(input.file),
    });
    const created = new Set(results.filter((r) => r.created).map((r) => r.message.id));
    return {
      party: bundle.manifest.exportedBy,
      messages: bundle.manifest.messages.map(({ id }) => ({
        id,
        outcome: created.has(id) ? 'accepted' : 'duplicate',
      })),
    };
  } finally {
    bundle.close();
  }
}
