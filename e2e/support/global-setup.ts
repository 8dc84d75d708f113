import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { startFixtureNode } from './fixture-node.js';

/**
 * Starts the nodes the specs drive and hands their URLs to them (workers inherit process.env). The web
 * app must be built (`npm run build`; the browser phase of npm test does it first).
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const index = fileURLToPath(new URL('../../apps/web/dist/index.html', import.meta.url));
  await access(index).catch(() => {
    throw new Error('apps/web/dist is missing: run npm run build first');
  });
  // One node per worker (TEST_PARALLEL_INDEX picks it in pages.ts): specs change users, keys and
  // settings, and two running at once must not see each other's changes.
  const nodes = await Promise.all(
    Array.from({ length: Math.max(1, config.workers) }, () => startFixtureNode()),
  );
  for (const [index, node] of nodes.entries()) process.env[`CDS_E2E_URL_${index}`] = node.url;
  return async () => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
}
