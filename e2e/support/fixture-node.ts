import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type * as NodeApp from '@cds/node';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'apps/cli/dist/main.js');

/** The password of every user the browser tests start with. */
export const E2E_PASSWORD = 'Browser-Test-2026';

/** One user per school group, as the demo has them (SPEC §11), plus users some specs change. */
export const E2E_USERS = [
  { username: 'cdsadmin', group: 'CDS_ADMIN', displayName: '陳大文' },
  { username: 'sysadmin', group: 'SYSTEM_ADMIN', displayName: '李系統' },
  { username: 'head', group: 'SCHOOL_HEAD', displayName: '黃校長' },
  { username: 'staff', group: 'STAFF', displayName: '張老師' },
  { username: 'changer', group: 'STAFF', displayName: '何老師' },
  { username: 'linguist', group: 'STAFF', displayName: '林老師' },
] as const;

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
    // SPEC §11: tests never use the demo's ports.
    if (port < 8700 || port > 8711) return port;
  }
}

/** Users and two READY messages, written through the node's own use cases (compiled). */
async function seed(dataDir: string): Promise<void> {
  const node = (await import(join(repo, 'apps/node/dist/index.js'))) as typeof NodeApp;
  await node.initNode({ dataDir, party: '123456', nodeRole: 'school', hubUrls: ['http://127.0.0.1:9'] });
  const services = await node.openNodeServices(dataDir);
  try {
    const auth = node.authContextOf(services);
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
    for (const [subject, description] of [
      ['STU', '表格 A – 學生離校 Form A'],
      ['ATT', '學生出席資料 2026年8月'],
    ] as const) {
      await node.createOutgoingMessage(services, {
        to: ['EDB'],
        subject,
        type: 'SUB',
        description,
        owner: 'staff',
        attachments: [
          {
            displayName: 'form-a.csv',
            mediaType: 'text/csv',
            open: () => Readable.from([Buffer.from('student,leaving date\nS1234567,2026-07-15\n')]),
          },
        ],
      });
    }
  } finally {
    await services.close();
  }
}

export interface FixtureNode {
  readonly url: string;
  stop(): Promise<void>;
}

/** A school node as its users see it: seeded, then started as `cds node start` on a free port. */
export async function startFixtureNode(): Promise<FixtureNode> {
  const root = await mkdtemp(join(tmpdir(), 'cds-e2e-'));
  const dataDir = join(root, '123456');
  await seed(dataDir);
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, 'node', 'start', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port)],
    { env: { ...process.env, CDS_LOG_LEVEL: 'warn' }, cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node exited: ${output}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node not healthy within 30 s: ${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}
