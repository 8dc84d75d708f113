import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type * as HubApp from '@cds/hub';
import type * as Keys from '@cds/keys';
import type * as NodeApp from '@cds/node';
import { E2E_PASSWORD, E2E_USERS } from './fixture-node.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'apps/cli/dist/main.js');

export const WORLD_SCHOOL = '123456';
export const WORLD_SCHOOL_KEY = 'Incoming-World-School-Key-2026';
const EDB_KEY = 'Incoming-World-EDB-Key-2026';

async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((done, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => done(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port < 8700 || port > 8711) return port; // SPEC §11: never the demo's ports
  }
}

export interface IncomingWorld {
  /** The school node's web app (its own data directory, registered, with a School Key). */
  readonly url: string;
  /** The hub's export-for bundle for the school: one sealed EDB message with `attachment`. */
  readonly bundle: string;
  readonly messageId: string;
  readonly description: string;
  readonly attachment: { readonly name: string; readonly content: string };
  close(): Promise<void>;
}

/**
 * A small real world for 匯入訊息: a hub, EDB and school 123456, each registered with real keys.
 * EDB seals a circular to the school and uploads it in a cycle; the hub exports the school's
 * waiting delivery (`export-for`); the school node is then started as `cds node start` with the
 * browser users, its scheduler off (schools' default), so only the import brings the message in.
 */
export async function createIncomingWorld(): Promise<IncomingWorld> {
  process.env['CDS_TEST_HOOKS'] = '1';
  process.env['CDS_TEST_SCRYPT_LOGN'] = '10';
  process.env['CDS_LOG_LEVEL'] ??= 'warn';
  const hub = (await import(join(repo, 'apps/hub/dist/index.js'))) as typeof HubApp;
  const node = (await import(join(repo, 'apps/node/dist/index.js'))) as typeof NodeApp;
  const keys = (await import(join(repo, 'packages/keys/dist/index.js'))) as typeof Keys;
  const root = await mkdtemp(join(tmpdir(), 'cds-e2e-incoming-'));
  const hubDir = join(root, 'hub');
  const hubPort = await freePort();
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  const running = await hub.startHub({
    dataDir: hubDir,
    host: '127.0.0.1',
    port: hubPort,
    handleSignals: false,
  });
  let child: ChildProcess | undefined;
  const close = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child?.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await running.close();
    await rm(root, { recursive: true, force: true });
  };
  try {
    const parties = [
      ['EDB', 'agency', EDB_KEY],
      [WORLD_SCHOOL, 'school', WORLD_SCHOOL_KEY],
    ] as const;
    const opened = new Map<string, NodeApp.NodeServices>();
    for (const [party, nodeRole, schoolKey] of parties) {
      await node.initNode({ dataDir: join(root, party), party, nodeRole, hubUrls: [hubUrl] });
      const services = await node.openNodeServices(join(root, party));
      opened.set(party, services);
      await keys.initKeyring(services.keys, Buffer.from(schoolKey), 'e2e');
      const hubServices = await hub.openHubServices(hubDir);
      const { code } = await hub
        .issueRegistrationCode(hubServices, { party })
        .finally(() => hubServices.close());
      await node.registerNode(services, await node.hubClientFor(services), code);
    }
    const edb = opened.get('EDB')!;
    const school = opened.get(WORLD_SCHOOL)!;
    for (const services of opened.values())
      await node.refreshDirectory(services, await node.hubClientFor(services));

    const description = `教育局通告 第 ${Date.now() % 100000} 號`;
    const attachment = { name: 'circular-2026.txt', content: '各校長：\n請於 2026 年 12 月 31 日前回覆。\n' };
    const message = await node.createOutgoingMessage(edb, {
      to: [WORLD_SCHOOL],
      // A circular: no school module consumes it, so decrypting leaves it 已解密 (a TSA parameter
      // file would go on to the Student module's import).
      subject: 'GEN',
      type: 'CIR',
      description,
      owner: 'officer',
      attachments: [
        {
          displayName: attachment.name,
          mediaType: 'text/plain',
          open: () => Readable.from([Buffer.from(attachment.content)]),
        },
      ],
    });
    const [sealed] = await node.sealMessages(edb, {
      ids: [message.id],
      schoolKey: Buffer.from(EDB_KEY),
      actor: 'e2e',
    });
    if (!sealed?.ok) throw new Error('EDB could not seal the circular');
    await node.runTransmissionCycle(edb, { actor: 'e2e', retry: { attempts: 1, baseDelayMs: 1 } });

    const bundle = join(root, `cds-export-for-${WORLD_SCHOOL}.zip`);
    const hubServices = await hub.openHubServices(hubDir);
    await hub
      .exportForParty(hubServices, { party: WORLD_SCHOOL, out: bundle, actor: 'operator' })
      .finally(() => hubServices.close());

    const auth = node.authContextOf(school);
    for (const user of E2E_USERS) {
      await node.addUser(auth, {
        username: user.username,
        displayName: user.displayName,
        groups: [user.group],
        password: E2E_PASSWORD,
        mustChangePassword: false,
        actor: 'e2e',
      });
    }
    for (const services of opened.values()) await services.close();

    const port = await freePort();
    child = spawn(
      process.execPath,
      [
        cli,
        'node',
        'start',
        '--data-dir',
        join(root, WORLD_SCHOOL),
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
      ],
      { env: { ...process.env, CDS_LOG_LEVEL: 'warn' }, cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (
      !(await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`school node did not start: ${output}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    return { url, bundle, messageId: message.id, description, attachment, close };
  } catch (error) {
    await close();
    throw error;
  }
}
