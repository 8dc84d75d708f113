import { z } from 'zod';
import {
  applyDirectoryEntries,
  directoryEntryBodySchema,
  GENESIS_HASH,
  verifyDirectoryEntries,
  type DirectoryEntry,
} from '@cds/directory';
import type { HubClient } from '../hub-client.js';
import type { NodeServices } from '../node-services.js';
import { trustHubKey } from './hub-trust.js';

const PAGE = 500;

const pageSchema = z.object({
  entries: z.array(
    z.object({
      seq: z.number(),
      at: z.number(),
      prevHash: z.string(),
      body: directoryEntryBodySchema,
      hash: z.string(),
      signature: z.string(),
    }),
  ),
  head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
});

/**
 * Brings the node's copy of the directory up to the hub's head: every entry is checked against the
 * pinned hub key and the hash chain before anything is stored, and each key statement against its
 * party's own key (SPEC §2.3). Returns the number of new entries.
 */
export async function refreshDirectory(services: NodeServices, client: HubClient): Promise<number> {
  const hubKey = await trustHubKey(services, client);
  const store = services.repos.directory;
  let head = (await store.head()) ?? { seq: 0, hash: GENESIS_HASH };
  let added = 0;
  for (;;) {
    const page = pageSchema.parse(await client.getJson(`/v1/directory?after=${head.seq}&limit=${PAGE}`));
    const entries = page.entries as DirectoryEntry[];
    if (entries.length === 0) return added;
    const next = await verifyDirectoryEntries(entries, head, hubKey);
    // Trust depends on the keys seen before, so the stored ones are the starting point.
    const stored = await store.keys();
    const storedTransport = await store.transportKeys();
    const resolved = await applyDirectoryEntries(
      entries,
      (party) => stored.filter((key) => key.party === party),
      (party) => storedTransport.filter((key) => key.party === party),
    );
    await store.apply(resolved, next);
    head = next;
    added += entries.length;
    if (entries.length < PAGE) return added;
  }
}
