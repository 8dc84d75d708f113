import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, Group } from '@cds/domain';
import { buildBaseApp, type CdsApp } from '@cds/http';
import { createLogger } from '@cds/platform';
import type { AuthContext } from '../auth/auth-context.js';
import { addUser } from '../auth/add-user.js';
import { initNode } from '../init-node.js';
import { openNodeServices, type NodeServices } from '../node-services.js';
import { registerNodeRoutes } from '../routes/index.js';

/** The password every fixture user gets unless a test chooses one. */
export const TEST_PASSWORD = 'Correct-Horse-42';

/** A clock the test moves by hand (idle timeouts, lockout windows). */
export function manualClock(start = Date.UTC(2026, 8, 1, 1, 0)): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

export interface NodeAppFixture {
  readonly app: CdsApp;
  readonly services: NodeServices;
  readonly auth: AuthContext;
  readonly clock: ReturnType<typeof manualClock>;
  /** What a browser on this origin sends with every state-changing request. */
  readonly origin: string;
  addUser(username: string, groups: readonly Group[], password?: string): Promise<void>;
  /** Logs in through the API and returns the headers of a logged-in browser. */
  login(username: string, password?: string): Promise<{ cookie: string; origin: string }>;
  close(): Promise<void>;
}

/**
 * A node's full route set in-process (Fastify inject, no port), over a real data directory and
 * SQLite database, with a stand-in web build so the SPA fallback has a page to serve.
 */
export async function nodeAppFixture(
  options: { party?: string; nodeRole?: 'school' | 'agency' } = {},
): Promise<NodeAppFixture> {
  const party = options.party ?? '123456';
  const root = await mkdtemp(join(tmpdir(), 'cds-node-app-'));
  const dataDir = join(root, party);
  await initNode({
    dataDir,
    party,
    nodeRole: options.nodeRole ?? 'school',
    hubUrls: ['http://127.0.0.1:1'],
  });
  const webDist = join(root, 'web-dist/');
  await mkdir(join(webDist, 'assets'), { recursive: true });
  await writeFile(
    join(webDist, 'index.html'),
    '<!doctype html><meta name="csp-nonce" content="__CSP_NONCE__"><div id="root"></div>',
  );
  await writeFile(join(webDist, 'assets', 'app.js'), 'console.log("cds")');
  const services = await openNodeServices(dataDir);
  const clock = manualClock();
  const app = await buildBaseApp({
    role: 'node',
    party,
    version: '0.0.0-test',
    logger: createLogger({ role: 'node', party }, { level: 'silent' }),
    readiness: () => Promise.resolve(),
  });
  const auth = await registerNodeRoutes(
    app,
    services,
    { version: '0.0.0-test' },
    { auth: { clock }, webDist },
  );
  await app.ready();
  const origin = 'http://localhost:80';
  let logins = 0;
  return {
    app,
    services,
    auth,
    clock,
    origin,
    async addUser(username, groups, password = TEST_PASSWORD) {
      await addUser(auth, { username, groups, password, mustChangePassword: false, actor: 'test' });
    },
    async login(username, password = TEST_PASSWORD) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { origin },
        // Each login from its own address: a test logging in often must not meet the per-address limit.
        remoteAddress: `10.250.${Math.floor(++logins / 250)}.${logins % 250}`,
        payload: { username, password },
      });
      if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === `cds_sid_${party}`);
      if (!cookie) throw new Error('no session cookie');
      return { cookie: `cds_sid_${party}=${cookie.value}`, origin };
    },
    async close() {
      await app.close();
      await services.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
