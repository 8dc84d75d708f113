import { AppError } from '@cds/domain';
import {
  createClock,
  createIdGenerator,
  databaseTarget,
  layoutOf,
  loadConfig,
  type DataDirLayout,
  type NodeConfig,
} from '@cds/platform';
import {
  createDatabase,
  createRepositories,
  migrateToLatest,
  type DatabaseHandle,
  type NodeDatabase,
  type NodeRepositories,
} from '@cds/db';
import { createKeyringContext, type KeyringContext } from '@cds/keys';
import { FsBlobStore } from '@cds/blobs';

/** What a node's use cases run on, for the CLI and the server alike. */
export interface NodeServices {
  readonly config: NodeConfig;
  readonly layout: DataDirLayout;
  readonly database: DatabaseHandle<NodeDatabase>;
  readonly repos: NodeRepositories;
  readonly keys: KeyringContext;
  /** Attachments and sealed payloads, content-addressed under the data directory's blobs/. */
  readonly blobs: FsBlobStore;
  close(): Promise<void>;
}

/**
 * Opens an initialised node data directory. Schema changes are applied here too, so a CLI command
 * never runs against an older schema than the code expects (migrations are idempotent).
 */
export async function openNodeServices(dataDir: string): Promise<NodeServices> {
  const layout = layoutOf(dataDir);
  const config = await loadConfig(layout);
  if (config.role !== 'node') {
    throw new AppError('datadir.role_mismatch', { dir: layout.root, actual: 'hub', expected: 'node' });
  }
  const database = createDatabase<NodeDatabase>(databaseTarget(config.database, layout));
  try {
    await migrateToLatest(database.db, 'node');
  } catch (error) {
    await database.close();
    throw error;
  }
  return nodeServicesOn(layout, config, database);
}

/**
 * The services over a database someone else opened and migrated (the server's boot sequence); they
 * share its connection, and `close` closes it.
 */
export function nodeServicesOn(
  layout: DataDirLayout,
  config: NodeConfig,
  database: DatabaseHandle<NodeDatabase>,
): NodeServices {
  const repos = createRepositories(database.db);
  const clock = createClock();
  const ids = createIdGenerator(() => clock.now());
  const keys = createKeyringContext({
    party: config.party,
    keysDir: layout.keys,
    clock,
    ids,
    history: repos.keyChanges,
    events: repos.securityEvents,
    guardStore: repos.schoolKeyGuard,
  });
  const blobs = new FsBlobStore({ root: layout.blobs, clock });
  return { config, layout, database, repos, keys, blobs, close: () => database.close() };
}
