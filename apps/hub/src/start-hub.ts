import { access } from 'node:fs/promises';
import { AppError } from '@cds/domain';
import {
  ensureLayout,
  layoutOf,
  loadConfig,
  writeConfig,
  type DataDirLayout,
  type HubConfig,
} from '@cds/platform';
import { bootServer, type RunningServer } from '@cds/http';
import { MAX_ROUTING_HEADER_CHARS } from '@cds/contracts';
import type { DatabaseHandle, HubDatabase } from '@cds/db';
import { createHubContext } from './hub-context.js';
import { registerHubRoutes } from './routes/index.js';

export const DEFAULT_HUB_PORT = 8700;

export interface StartHubOptions {
  readonly dataDir: string;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly handleSignals?: boolean;
  /** Overrides the config's relay.maxPayloadBytes (tests use a small one). */
  readonly maxPayloadBytes?: number;
}

/** Room for a broadcast's routing header (MAX_ROUTING_HEADER_CHARS) plus the signature headers. */
const MAX_REQUEST_HEAD_BYTES = MAX_ROUTING_HEADER_CHARS + 64 * 1024;

/** `cds hub start`: an empty directory becomes a hub data directory (SPEC §11) on first start. */
export async function startHub(options: StartHubOptions): Promise<RunningServer> {
  const layout = await ensureHubDataDir(options.dataDir, options);
  const http: { host?: string; port?: number } = {};
  if (options.host !== undefined) http.host = options.host;
  if (options.port !== undefined) http.port = options.port;
  const config = await loadConfig(layout, { http });
  if (config.role !== 'hub') {
    throw new AppError('datadir.role_mismatch', { dir: layout.root, actual: 'node', expected: 'hub' });
  }
  return bootServer({
    layout,
    config,
    handleSignals: options.handleSignals ?? true,
    maxHeaderSize: MAX_REQUEST_HEAD_BYTES,
    routes: async (app, server) => {
      const database = server.database as DatabaseHandle<HubDatabase>;
      const maxPayloadBytes = options.maxPayloadBytes ?? config.relay?.maxPayloadBytes;
      const hub = await createHubContext(
        layout,
        database,
        maxPayloadBytes === undefined ? {} : { maxPayloadBytes },
      );
      server.logger.info({ fingerprint: hub.hubKey.fingerprint }, 'hub signing key');
      registerHubRoutes(app, hub, database, server.version);
    },
  });
}

/** `cds hub start` and the operator commands turn an empty directory into a hub data directory. */
export async function ensureHubDataDir(
  dataDir: string,
  http: { host?: string | undefined; port?: number | undefined } = {},
): Promise<DataDirLayout> {
  const layout = layoutOf(dataDir);
  const exists = await access(layout.config).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await ensureLayout(layout);
    const initial: HubConfig = {
      format: 'cds-config/1',
      role: 'hub',
      http: { host: http.host ?? '127.0.0.1', port: http.port ?? DEFAULT_HUB_PORT },
      database: { kind: 'sqlite' },
    };
    await writeConfig(layout, initial);
  }
  return layout;
}
