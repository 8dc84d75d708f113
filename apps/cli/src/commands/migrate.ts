import type { Command } from 'commander';
import { AppError } from '@cds/domain';
import { defaultHubDataDir } from '@cds/platform/datadir';
import { loadDb, loadPlatform } from '../lazy.js';
import { createOutput } from '../output.js';
import { requireNodeDataDir } from './options.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'bring the database of a data directory to the latest schema (refused while a server runs on it)',
    )
    .option('--data-dir <dir>', 'data directory')
    .option('--node <code>', 'data directory ${CDS_DATA_DIR:-./data}/<code>')
    .option('--hub', 'the hub data directory ${CDS_DATA_DIR:-./data}/hub')
    .action(async (options: { dataDir?: string; node?: string; hub?: boolean }, command: Command) => {
      const dataDir = options.hub && !options.dataDir ? defaultHubDataDir() : requireNodeDataDir(options);
      const { acquireDataDirLock, databaseTarget, layoutOf, loadConfig } = await loadPlatform();
      const { createDatabase, migrateToLatest } = await loadDb();
      const layout = layoutOf(dataDir);
      const config = await loadConfig(layout);
      // Holding the lock (not just checking it) keeps a server from starting mid-migration.
      const lock = await acquireDataDirLock(layout);
      let applied: string[];
      try {
        const database = createDatabase<unknown>(databaseTarget(config.database, layout));
        try {
          applied = await migrateToLatest(database.db, config.role);
        } finally {
          await database.close();
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('db.migration_failed', { detail: (error as Error).message }, { cause: error });
      } finally {
        await lock.release();
      }
      createOutput(Boolean(command.optsWithGlobals<{ json?: boolean }>().json)).result(
        { dataDir, applied },
        () =>
          applied.length === 0
            ? `${dataDir}: already up to date`
            : `${dataDir}: applied ${applied.join(', ')}`,
      );
    });
}
