import { sql } from 'kysely';
import { AppError } from '@cds/domain';
import {
  acquireDataDirLock,
  createLogger,
  databaseTarget,
  ensureLayout,
  softwareVersion,
  type CdsConfig,
  type DataDirLayout,
  type Logger,
} from '@cds/platform';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '@cds/db';
import { buildBaseApp, type CdsApp } from './base-app.js';
import { serve, type RunningServer } from './serve.js';

export interface ServerContext {
  readonly config: CdsConfig;
  readonly layout: DataDirLayout;
  readonly database: DatabaseHandle<unknown>;
  readonly logger: Logger;
  readonly version: string;
}

export interface BootOptions {
  readonly layout: DataDirLayout;
  readonly config: CdsConfig;
  readonly handleSignals?: boolean;
  /** Largest request head accepted, in bytes (Node's default when absent). */
  readonly maxHeaderSize?: number;
  /** Adds the role's own routes; runs before listening. */
  readonly routes?: (app: CdsApp, context: ServerContext) => Promise<void>;
}

/**
 * The composition root shared by the hub and the node: lock the data directory, open and migrate the
 * store, build the app, listen. Every resource opened here is released on shutdown or on a failed start.
 */
export async function bootServer(options: BootOptions): Promise<RunningServer & { context: ServerContext }> {
  const { layout, config } = options;
  const expectedRole = config.role;
  await ensureLayout(layout);
  const party = config.role === 'node' ? config.party : null;
  const logger = createLogger({ role: config.role, party });
  const lock = await acquireDataDirLock(layout);
  const cleanups: Array<() => Promise<void>> = [() => lock.release()];
  try {
    const database = createDatabase<unknown>(databaseTarget(config.database, layout));
    cleanups.push(() => database.close());
    const applied = await migrateToLatest(database.db, expectedRole);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const version = softwareVersion();
    const context: ServerContext = { config, layout, database, logger, version };
    const app = await buildBaseApp({
      role: expectedRole,
      party,
      version,
      logger,
      ...(options.maxHeaderSize === undefined ? {} : { maxHeaderSize: options.maxHeaderSize }),
      readiness: async () => {
        await sql`select 1`.execute(database.db);
      },
    });
    if (options.routes) await options.routes(app, context);
    const running = await serve(app, config.http, cleanups, { handleSignals: options.handleSignals ?? true });
    logger.info({ url: running.url, version, role: expectedRole, party }, 'listening');
    return { ...running, context };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new AppError('usage.invalid_argument', {
        reason: 'server.port_in_use',
        port: config.http.port,
        host: config.http.host,
      });
    }
    throw error;
  }
}
