import { basename } from 'node:path';
import { AppError, transitionOutgoing, type OutgoingMessage } from '@cds/domain';
import { HUB_PARTY, MAX_BUNDLE_MESSAGES, writeBundle, type BundleSource } from '@cds/bundle';
import { readTransportKey } from '@cds/keys';
import { applyOutgoing } from '../messages/apply-transition.js';
import { distinctIds, outcomeOf, type MessageOutcome } from '../messages/outcome.js';
import type { NodeServices } from '../node-services.js';

export interface ExportMessagesInput {
  readonly ids: readonly string[];
  /** The bundle file to create; an existing file is never overwritten. */
  readonly out: string;
  readonly actor: string;
}

export type ExportOutcome = MessageOutcome<{ message: OutgoingMessage }>;

export interface ExportMessagesResult {
  readonly file: string;
  readonly size: number;
  /** One per id asked for: exported (SEND_FAIL, now marked) or refused with its reason. */
  readonly outcomes: readonly ExportOutcome[];
}

/** Only a sealed SEND_FAIL message exports (SPEC §3.1, §5); the machine says why another cannot. */
async function exportable(services: NodeServices, id: string): Promise<OutgoingMessage & BundleSource> {
  const message = await services.repos.outgoing.get(id);
  if (!message) throw new AppError('message.not_found', { id });
  transitionOutgoing(message.status, 'export');
  const { headerJws, payloadBlob, payloadSha256, payloadSize } = message;
  if (headerJws === null || payloadBlob === null || payloadSha256 === null || payloadSize === null) {
    throw new AppError('envelope.header_invalid', { detail: `message ${id} has no sealed envelope` });
  }
  return {
    ...message,
    headerJws,
    payloadSha256,
    payloadSize,
    openPayload: () => services.blobs.get(payloadBlob),
  };
}

/**
 * 匯出訊息 (`cds export --ids … --out FILE`, SPEC §5): SEND_FAIL messages into one bundle for the
 * hub operator to ingest, each envelope byte for byte as an upload sends it, the manifest signed
 * with the transport key. Streamed: payloads are read one at a time from the blob store. The file
 * is complete before any message is marked exported (time, user, file); others in the selection
 * are refused with the reason and do not stop the rest.
 */
export async function exportMessages(
  services: NodeServices,
  input: ExportMessagesInput,
): Promise<ExportMessagesResult> {
  const ids = distinctIds(input.ids);
  if (ids.length > MAX_BUNDLE_MESSAGES) {
    throw new AppError('usage.invalid_argument', {
      reason: 'message.too_many_to_export',
      max: MAX_BUNDLE_MESSAGES,
    });
  }
  const checked = new Map<string, ExportOutcome>();
  const sources: Array<OutgoingMessage & BundleSource> = [];
  for (const id of ids) {
    const outcome = await outcomeOf(id, async () => {
      const source = await exportable(services, id);
      sources.push(source);
      return { message: source };
    });
    checked.set(id, outcome);
  }
  const [firstRefusal] = [...checked.values()].filter((outcome) => !outcome.ok);
  if (sources.length === 0 && firstRefusal && !firstRefusal.ok) throw firstRefusal.error;

  const key = await readTransportKey(services.keys.paths.transportKey);
  const now = services.keys.clock.now();
  const written = await writeBundle({
    kind: 'upload',
    exportedBy: services.config.party,
    exportedFor: HUB_PARTY,
    exportedAt: now,
    signer: { kid: key.kid, privateJwk: { kty: key.kty, crv: key.crv, x: key.x, d: key.d } },
    messages: sources,
    out: input.out,
  });
  const move = { at: now, by: input.actor, file: basename(written.file) };
  for (const source of sources) {
    checked.set(
      source.id,
      await outcomeOf(source.id, async () => ({
        message: await applyOutgoing(services, source.id, 'export', () => ({ exportedAt: now })),
      })),
    );
  }
  await services.repos.bundles.recordExports(
    sources.map((source) => source.id),
    move,
  );
  return {
    file: written.file,
    size: written.size,
    outcomes: ids.map((id) => checked.get(id) as ExportOutcome),
  };
}
