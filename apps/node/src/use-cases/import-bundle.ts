import { basename } from 'node:path';
import { AppError, type ImportedMessage } from '@cds/domain';
import { checkDestination, openBundle, verifyBundleSignature, type OpenedBundle } from '@cds/bundle';
import { DELIVERY_RECEIPT_FORMAT, signReceipt, type MailboxItem } from '@cds/contracts';
import { decodeHeader, type RoutingHeader } from '@cds/envelope';
import { readTransportKey } from '@cds/keys';
import { faultPoint } from '@cds/platform';
import type { NodeServices } from '../node-services.js';
import { checkDeliveryHeader } from '../transmission/check-delivery-header.js';
import { incomingFrom } from '../transmission/receive-mailbox.js';
import { pinnedHubKey } from './hub-trust.js';

export interface ImportBundleInput {
  readonly file: string;
  readonly actor: string;
  /** The name to record (an uploaded file's original name); defaults to the file's own. */
  readonly name?: string;
}

/**
 * What became of each message of the bundle: stored now (ENCRYPTED), already here (a download or an
 * earlier import got it first), deleted here before (its tombstone keeps it out), or refused here
 * before (a failed check; the hub has the refusal).
 */
export type ImportOutcome = 'ENCRYPTED' | 'duplicate' | 'deleted' | 'refused';

export interface ImportBundleResult {
  readonly file: string;
  readonly messages: ReadonlyArray<{
    readonly id: string;
    readonly from: string;
    readonly outcome: ImportOutcome;
  }>;
}

interface Checked {
  readonly item: MailboxItem;
  readonly header: RoutingHeader;
}

/** Known here already: nothing to check or store; the outcome says why. */
async function knownOutcome(services: NodeServices, item: MailboxItem): Promise<ImportOutcome | null> {
  const { repos } = services;
  if (await repos.refusedDeliveries.get(item.messageId)) return 'refused';
  const stored = await repos.incoming.get(item.messageId);
  if (stored) {
    if (stored.from !== item.from) {
      throw new AppError('validation.failed', {
        detail: `message ${item.messageId} is stored here from ${stored.from}, not ${item.from}`,
      });
    }
    return 'duplicate';
  }
  return (await repos.tombstones.has('incoming', item.from, item.messageId)) ? 'deleted' : null;
}

/**
 * Each message passes the checks a download does (SPEC §3.2: header for this node, signed by the
 * sender's key from the verified directory, payload as promised) and its payload is hashed, all
 * before anything is written. The first failure refuses the whole bundle with its reason.
 */
async function checkAll(
  services: NodeServices,
  bundle: OpenedBundle,
): Promise<{ fresh: Checked[]; outcomes: Map<string, { from: string; outcome: ImportOutcome }> }> {
  const now = services.keys.clock.now();
  const fresh: Checked[] = [];
  const outcomes = new Map<string, { from: string; outcome: ImportOutcome }>();
  for (const listed of bundle.manifest.messages) {
    const headerJws = await bundle.header(listed.id);
    const item: MailboxItem = {
      messageId: listed.id,
      from: decodeHeader(headerJws).fields.from,
      headerJws,
      payloadSize: listed.payloadSize,
      payloadSha256: listed.payloadSha256,
      acceptedAt: 0,
    };
    const known = await knownOutcome(services, item);
    if (known) {
      outcomes.set(listed.id, { from: item.from, outcome: known });
      continue;
    }
    const header = await checkDeliveryHeader(services, item, now);
    await bundle.checkPayload(listed.id);
    fresh.push({ item, header });
    outcomes.set(listed.id, { from: item.from, outcome: 'ENCRYPTED' });
  }
  return { fresh, outcomes };
}

/**
 * 匯入訊息 (`cds import FILE`, SPEC §5): the hub's export-for bundle for this node, read as a
 * stream of hostile bytes until proven otherwise — shape and limits, this node as its destination,
 * the pinned hub key's signature, then every message as a download is checked. Only then are the
 * payloads stored (fsynced) and the messages inserted ENCRYPTED in one transaction, each with its
 * delivery receipt signed and waiting: the hub still lists the delivery, so the next cycle
 * acknowledges it and a later download stores nothing twice. A crash leaves the store as before.
 */
export async function importBundle(
  services: NodeServices,
  input: ImportBundleInput,
): Promise<ImportBundleResult> {
  const party = services.config.party;
  const hubKey = await pinnedHubKey(services);
  if (!hubKey) throw new AppError('registration.not_registered', { party });
  const bundle = await openBundle(input.file);
  try {
    checkDestination(bundle, { kind: 'delivery', reader: party });
    await verifyBundleSignature(bundle, hubKey);
    const { fresh, outcomes } = await checkAll(services, bundle);

    const key = await readTransportKey(services.keys.paths.transportKey);
    const signer = { kid: key.kid, privateJwk: { kty: key.kty, crv: key.crv, x: key.x, d: key.d } };
    const now = services.keys.clock.now();
    const messages: ImportedMessage[] = [];
    for (const { item, header } of fresh) {
      const blob = await services.blobs.put(await bundle.payload(item.messageId), {
        maxBytes: item.payloadSize,
        expectedSha256: item.payloadSha256,
      });
      const receipt = await signReceipt(
        {
          format: DELIVERY_RECEIPT_FORMAT,
          messageId: item.messageId,
          recipient: party,
          payloadSha256: item.payloadSha256,
          at: now,
        },
        signer,
      );
      messages.push({
        message: incomingFrom(item, header, now, receipt, 'import_bundle'),
        payloadBlob: blob.sha256,
      });
    }
    faultPoint('node.import.blobs_stored');
    const stored = new Set(
      await services.repos.bundles.importAll(
        messages,
        { at: now, by: input.actor, file: input.name ?? basename(input.file) },
        (index) => {
          if (index === 0) faultPoint('node.import.mid_transaction');
        },
      ),
    );
    return {
      file: input.file,
      messages: bundle.manifest.messages.map(({ id }) => {
        const seen = outcomes.get(id) ?? { from: '', outcome: 'duplicate' as const };
        const outcome = seen.outcome === 'ENCRYPTED' && !stored.has(id) ? 'duplicate' : seen.outcome;
        return { id, from: seen.from, outcome };
      }),
    };
  } finally {
    bundle.close();
  }
}
