import { AppError } from '@cds/domain';
import { databaseTarget, loadConfig } from '@cds/platform';
import { createDatabase, migrateToLatest, type HubDatabase } from '@cds/db';
import { createHubContext, type HubContext } from './hub-context.js';
import { ensureHubDataDir } from './start-hub.js';

/** Opens a hub data directory for the operator CLI (works while the hub server runs). */
export async function openHubServices(dataDir: string): Promise<HubContext & { close(): Promise<void> }> {
  const layout = await ensureHubDataDir(dataDir);
  const config = await loadConfig(layout);
  if (config.role !== 'hub')
    throw new AppError('datadir.role_mismatch', { dir: layout.root, actual: 'node', expected: 'hub' });
  const database = createDatabase<HubDatabase>(databaseTarget(config.database, layout));
  try {
    await migrateToLatest(database.db, 'hub');
    const limits = config.relay === undefined ? {} : { maxPayloadBytes: config.relay.maxPayloadBytes };
    return { ...(await createHubContext(layout, database, limits)), close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
