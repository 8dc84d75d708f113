import type { CdsApp } from './base-app.js';

export interface RunningServer {
  readonly url: string;
  /** Stops accepting, drains in-flight requests, then runs the cleanups in reverse order. */
  close(): Promise<void>;
}

const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Listens and arranges a graceful stop on SIGINT/SIGTERM: in-flight requests finish (bounded), then
 * the database closes and the data-directory lock is released, so a restart never finds a stale lock.
 */
export async function serve(
  app: CdsApp,
  address: { host: string; port: number },
  cleanups: ReadonlyArray<() => Promise<void>>,
  options: { handleSignals?: boolean } = {},
): Promise<RunningServer> {
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const timer = setTimeout(() => {
        app.log.error('shutdown timed out; closing connections');
        app.server.closeAllConnections();
      }, DRAIN_TIMEOUT_MS);
      timer.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(timer);
        for (const cleanup of [...cleanups].reverse()) {
          await cleanup().catch((error: unknown) => app.log.error({ err: error }, 'cleanup failed'));
        }
      }
    })();
    return closing;
  };

  try {
    await app.listen({ host: address.host, port: address.port });
  } catch (error) {
    for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => undefined);
    throw error;
  }

  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals): void => {
      app.log.info({ signal }, 'shutting down');
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const bound = app.server.address();
  const port = typeof bound === 'object' && bound ? bound.port : address.port;
  return { url: `http://${address.host}:${port}`, close };
}
