import { AppError } from '@cds/domain';
import { layoutOf, loadConfig } from '@cds/platform';
import type { RunningServer } from '@cds/http';
import { hubClientFor } from './node-hub-client.js';
import { nodeServicesOn } from './node-services.js';
import { reportVersionAfterStart } from './use-cases/report-version.js';
import type { NodeRouteOptions } from './routes/index.js';

export interface StartNodeOptions {
  readonly dataDir: string;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly handleSignals?: boolean;
  readonly routes?: NodeRouteOptions;
}

export async function startNode(options: StartNodeOptions): Promise<RunningServer> {
  const layout = layoutOf(options.dataDir);
  const http: { host?: string; port?: number } = {};
  if (options.host !== undefined) http.host = options.host;
  if (options.port !== undefined) http.port = options.port;
  const config = await loadConfig(layout, { http });
  if (config.role !== 'node') {
    throw new AppError('datadir.role_mismatch', { dir: layout.root, actual: 'hub', expected: 'node' });
  }
  // Loaded here, not at the top: every CLI command imports @cds/node, and only `node start` needs Fastify.
  const { bootServer } = await import('@cds/http');
  return bootServer({
    layout,
    config,
    handleSignals: options.handleSignals ?? true,
    routes: async (app, server) => {
      const { registerNodeRoutes } = await import('./routes/index.js');
      const services = nodeServicesOn(layout, config, server.database);
      await registerNodeRoutes(app, services, server, options.routes);
      // Fire and forget: a slow or absent hub must not hold up the start; the next cycle retries.
      app.addHook('onReady', (done) => {
        void reportVersionAfterStart(services, () => hubClientFor(services), server.logger);
        done();
      });
    },
  });
}
