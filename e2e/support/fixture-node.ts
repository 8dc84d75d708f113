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
import { deliverFromEdb, type FixtureIncoming } from './fixture-incoming.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'apps/cli/dist/main.js');

/** The password of every user the browser tests start with. */
export const E2E_PASSWORD = 'Browser-Test-2026';

/**
 * The fixture school's School Key (學校密碼匙): its keyring is written with a low scrypt cost (the
 * CDS_TEST_SCRYPT_LOGN test hook, only while seeding), which the node reads like any keyring.
 */
export const E2E_SCHOOL_KEY = 'Browser-School-Key-2026';
const EDB_KEY = 'EDB-Browser-Key-2026';

/** Where the registered fixture points once registered: nothing listens there, so cycles fail. */
const UNREACHABLE_HUB = 'http://127.0.0.1:9';

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

/** Runs `work` with the keyring's scrypt cost lowered (a test hook), then puts the environment back. */
async function withCheapScrypt<T>(work: () => Promise<T>): Promise<T> {
  const saved = { hooks: process.env['CDS_TEST_HOOKS'], logN: process.env['CDS_TEST_SCRYPT_LOGN'] };
  process.env['CDS_TEST_HOOKS'] = '1';
  process.env['CDS_TEST_SCRYPT_LOGN'] = '10';
  try {
    return await work();
  } finally {
    for (const [name, value] of [
      ['CDS_TEST_HOOKS', saved.hooks],
      ['CDS_TEST_SCRYPT_LOGN', saved.logN],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * A temporary hub on a free port registers EDB and the school (so the school's directory holds
 * EDB's key and it can seal to EDB), then, with `incoming`, carries EDB's messages to the school,
 * and stops. The school's own configuration keeps pointing at an unreachable hub, so its cycles
 * end 輸送失敗 (exercise 4 of the training slides).
 */
async function register(
  root: string,
  dataDir: string,
  node: typeof NodeApp,
  keys: typeof Keys,
  incoming: boolean,
): Promise<FixtureIncoming[]> {
  const hub = (await import(join(repo, 'apps/hub/dist/index.js'))) as typeof HubApp;
  const hubDir = join(root, 'hub');
  const port = await freePort();
  const hubUrl = `http://127.0.0.1:${port}`;
  // The hub's request log would drown the test output; it only registers two parties here.
  const level = process.env['CDS_LOG_LEVEL'];
  process.env['CDS_LOG_LEVEL'] = 'warn';
  const running = await hub.startHub({ dataDir: hubDir, host: '127.0.0.1', port, handleSignals: false });
  try {
    await node.initNode({ dataDir: join(root, 'EDB'), party: 'EDB', nodeRole: 'agency', hubUrls: [hubUrl] });
    for (const [party, dir] of [
      ['EDB', join(root, 'EDB')],
      ['123456', dataDir],
    ] as const) {
      const services = await node.openNodeServices(dir);
      try {
        if (party === 'EDB') await keys.initKeyring(services.keys, Buffer.from(EDB_KEY), 'e2e');
        const hubServices = await hub.openHubServices(hubDir);
        const { code } = await hub
          .issueRegistrationCode(hubServices, { party })
          .finally(() => hubServices.close());
        const key = await keys.readTransportKey(services.keys.paths.transportKey);
        const client = new node.HubClient({ urls: [hubUrl], key, now: () => Date.now() });
        await node.registerNode(services, client, code);
      } finally {
        await services.close();
      }
    }
    if (!incoming) return [];
    return await deliverFromEdb(node, keys, join(root, 'EDB'), dataDir, hubUrl, {
      edb: EDB_KEY,
      school: E2E_SCHOOL_KEY,
    });
  } finally {
    await running.close();
    if (level === undefined) delete process.env['CDS_LOG_LEVEL'];
    else process.env['CDS_LOG_LEVEL'] = level;
  }
}

/**
 * Users, the keyring (E2E_SCHOOL_KEY) and two READY messages, written through the node's own use
 * cases (compiled). `registered` also registers the school and EDB with a hub that then goes away;
 * `incoming` also has EDB's messages delivered to the school first.
 */
async function seed(dataDir: string, options: FixtureOptions = {}): Promise<FixtureIncoming[]> {
  const node = (await import(join(repo, 'apps/node/dist/index.js'))) as typeof NodeApp;
  const keys = (await import(join(repo, 'packages/keys/dist/index.js'))) as typeof Keys;
  await node.initNode({ dataDir, party: '123456', nodeRole: 'school', hubUrls: [UNREACHABLE_HUB] });
  const services = await withCheapScrypt(async () => {
    const opened = await node.openNodeServices(dataDir);
    await keys.initKeyring(opened.keys, Buffer.from(E2E_SCHOOL_KEY), 'e2e');
    return opened;
  });
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
  if (!options.registered && !options.incoming) return [];
  return withCheapScrypt(() => register(join(dataDir, '..'), dataDir, node, keys, options.incoming === true));
}

export interface FixtureOptions {
  /** Registered with EDB's key in its directory and a hub that no longer answers (default: not registered). */
  readonly registered?: boolean;
  /**
   * Registered, and holding two real EDB messages received through the hub: a circular opened
   * (DECRYPTED, read) and a CONFIDENTIAL one still ENCRYPTED and unread.
   */
  readonly incoming?: boolean;
}

export interface FixtureNode {
  readonly url: string;
  /** The messages EDB delivered (`incoming`), in the order sent; none otherwise. */
  readonly incoming: readonly FixtureIncoming[];
  stop(): Promise<void>;
}

/** A school node as its users see it: seeded, then started as `cds node start` on a free port. */
export async function startFixtureNode(options: FixtureOptions = {}): Promise<FixtureNode> {
  const root = await mkdtemp(join(tmpdir(), 'cds-e2e-'));
  const dataDir = join(root, '123456');
  const incoming = await seed(dataDir, options);
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
    incoming,
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
