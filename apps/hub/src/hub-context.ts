import { join } from 'node:path';
import type {
  BlobStore,
  Clock,
  HubBundleStore,
  HubRegistry,
  IdGenerator,
  RelayStore,
  StoredDirectoryEntry,
} from '@cds/domain';
import { createClock, createIdGenerator, type DataDirLayout } from '@cds/platform';
import {
  createHubBundleStore,
  createHubRegistry,
  createRelayStore,
  type DatabaseHandle,
  type HubDatabase,
} from '@cds/db';
import { FsBlobStore } from '@cds/blobs';
import { loadOrCreateHubKey, type HubSigningKey } from '@cds/keys';
import { signDirectoryEntry, type DirectoryEntryBody } from '@cds/directory';

/** The largest payload the relay accepts unless the hub config says otherwise. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 2 * 1024 ** 3;

export interface RelayLimits {
  readonly maxPayloadBytes: number;
}

/** What the hub's use cases run on, for the server and the operator CLI alike. */
export interface HubContext {
  readonly registry: HubRegistry;
  readonly relay: RelayStore;
  /** Offline ingest and export-for (SPEC §5). */
  readonly bundles: HubBundleStore;
  /** Payloads, content-addressed in the data directory's blobs/. */
  readonly blobs: BlobStore;
  readonly limits: RelayLimits;
  readonly hubKey: HubSigningKey;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export async function createHubContext(
  layout: DataDirLayout,
  database: DatabaseHandle<HubDatabase>,
  limits: Partial<RelayLimits> = {},
): Promise<HubContext> {
  const clock = createClock();
  return {
    registry: createHubRegistry(database.db),
    relay: createRelayStore(database.db),
    bundles: createHubBundleStore(database.db),
    blobs: new FsBlobStore({ root: layout.blobs, clock }),
    limits: { maxPayloadBytes: limits.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES },
    hubKey: await loadOrCreateHubKey(join(layout.keys, 'hub.jwk'), clock.now()),
    clock,
    ids: createIdGenerator(() => clock.now()),
  };
}

/** The factory the registry calls inside its transaction, once it knows the current head. */
export function directoryEntry(context: HubContext, body: DirectoryEntryBody) {
  return async (head: { seq: number; hash: string }, at: number): Promise<StoredDirectoryEntry> => {
    const entry = await signDirectoryEntry(head.seq + 1, at, head.hash, body, context.hubKey);
    return {
      seq: entry.seq,
      at: entry.at,
      prevHash: entry.prevHash,
      body: JSON.stringify(entry.body),
      hash: entry.hash,
      signature: entry.signature,
    };
  };
}
