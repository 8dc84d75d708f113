import { join } from 'node:path';
import type { Clock, HubRegistry, IdGenerator, StoredDirectoryEntry } from '@cds/domain';
import { createClock, createIdGenerator, type DataDirLayout } from '@cds/platform';
import { createHubRegistry, type DatabaseHandle, type HubDatabase } from '@cds/db';
import { loadOrCreateHubKey, type HubSigningKey } from '@cds/keys';
import { signDirectoryEntry, type DirectoryEntryBody } from '@cds/directory';

/** What the hub's use cases run on, for the server and the operator CLI alike. */
export interface HubContext {
  readonly registry: HubRegistry;
  readonly hubKey: HubSigningKey;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export async function createHubContext(
  layout: DataDirLayout,
  database: DatabaseHandle<HubDatabase>,
): Promise<HubContext> {
  const clock = createClock();
  return {
    registry: createHubRegistry(database.db),
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
