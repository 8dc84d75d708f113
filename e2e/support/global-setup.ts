import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startFixtureNode } from './fixture-node.js';

/**
 * Starts the node the specs drive and hands its URL to them (workers inherit process.env). The web
 * app must be built (`npm run build`; the browser phase of npm test does it first).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const index = fileURLToPath(new URL('../../apps/web/dist/index.html', import.meta.url));
  await access(index).catch(() => {
    throw new Error('apps/web/dist is missing: run npm run build first');
  });
  const node = await startFixtureNode();
  process.env['CDS_E2E_URL'] = node.url;
  return () => node.stop();
}
