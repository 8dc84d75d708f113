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
import { E2E_PASSWORD } from './fixture-node.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'apps/cli/dist/main.js');

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

export interface OperationsWorld {
  /** The school node (123456) the spec drives; configured with an unreachable hub, not registered. */
  readonly url: string;
  /** A live hub with EDB registered: what the spec enters in 設定. */
  readonly hubUrl: string;
  /** The operator's registration code for the school (`cds hub issue-code`). */
  issueCode(): Promise<string>;
  /** Two sealed (PROCESSING) messages to EDB, as a key holder leaves them for 即時傳送. */
  sealTwo(): Promise<string[]>;
  stop(): Promise<void>;
}

const SCHOOL_KEY = 'Operations-School-Key-2026';

/**
 * The smallest world in which 即時傳送 really sends (SPEC §4): a hub in this process with EDB
 * registered, and a fresh school node (keyring, one administrator) started as `cds node start` that
 * knows nothing of the hub yet — the spec points it there in 設定 and registers it in 系統註冊.
 */
export async function startOperationsWorld(): Promise<OperationsWorld> {
  const savedEnv = { ...process.env };
  process.env['CDS_TEST_HOOKS'] = '1'; // cheap scrypt for the keyrings written here
  process.env['CDS_TEST_SCRYPT_LOGN'] = '10';
  process.env['CDS_LOG_LEVEL'] = 'warn';
  const node = (await import(join(repo, 'apps/node/dist/index.js'))) as typeof NodeApp;
  const hub = (await import(join(repo, 'apps/hub/dist/index.js'))) as typeof HubApp;
  const keys = (await import(join(repo, 'packages/keys/dist/index.js'))) as typeof Keys;
  const root = await mkdtemp(join(tmpdir(), 'cds-e2e-ops-'));
  const hubDir = join(root, 'hub');
  const hubPort = await freePort();
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  const running = await hub.startHub({
    dataDir: hubDir,
    host: '127.0.0.1',
    port: hubPort,
    handleSignals: false,
  });
  const issueCode = async (party: string) => {
    const services = await hub.openHubServices(hubDir);
    try {
      return (await hub.issueRegistrationCode(services, { party })).code;
    } finally {
      await services.close();
    }
  };

  const edbDir = join(root, 'EDB');
  await node.initNode({ dataDir: edbDir, party: 'EDB', nodeRole: 'agency', hubUrls: [hubUrl] });
  const edb = await node.openNodeServices(edbDir);
  try {
    await keys.initKeyring(edb.keys, Buffer.from('EDB-Operations-Key-2026'), 'e2e');
    await node.registerNode(edb, await node.hubClientFor(edb), await issueCode('EDB'));
  } finally {
    await edb.close();
  }

  const schoolDir = join(root, '123456');
  await node.initNode({
    dataDir: schoolDir,
    party: '123456',
    nodeRole: 'school',
    hubUrls: ['http://127.0.0.1:9'],
  });
  const school = await node.openNodeServices(schoolDir);
  try {
    await keys.initKeyring(school.keys, Buffer.from(SCHOOL_KEY), 'e2e');
    await node.addUser(node.authContextOf(school), {
      username: 'cdsadmin',
      displayName: '陳大文',
      groups: ['CDS_ADMIN'],
      password: E2E_PASSWORD,
      mustChangePassword: false,
      actor: 'e2e',
    });
  } finally {
    await school.close();
  }

  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, 'node', 'start', '--data-dir', schoolDir, '--host', '127.0.0.1', '--port', String(port)],
    { env: { ...process.env }, cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; ;) {
    if (child.exitCode !== null) throw new Error(`node exited: ${output}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`node not healthy within 30 s: ${output}`);
    await new Promise((done) => setTimeout(done, 100));
  }

  return {
    url,
    hubUrl,
    issueCode: () => issueCode('123456'),
    async sealTwo() {
      const services = await node.openNodeServices(schoolDir);
      try {
        const ids: string[] = [];
        for (const description of ['學生出席資料 2026年9月', '教師資料更新 2026']) {
          const message = await node.createOutgoingMessage(services, {
            to: ['EDB'],
            subject: 'GEN',
            type: 'SUB',
            description,
            owner: 'cdsadmin',
            attachments: [
              {
                displayName: 'data.csv',
                mediaType: 'text/csv',
                open: () => Readable.from([Buffer.from('code,value\nA,1\n')]),
              },
            ],
          });
          ids.push(message.id);
        }
        const outcomes = await node.sealMessages(services, {
          ids,
          schoolKey: Buffer.from(SCHOOL_KEY),
          actor: 'e2e',
        });
        if (outcomes.some((outcome) => !outcome.ok))
          throw new Error(`sealing failed: ${JSON.stringify(outcomes)}`);
        return ids;
      } finally {
        await services.close();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await running.close();
      await rm(root, { recursive: true, force: true });
      for (const name of ['CDS_TEST_HOOKS', 'CDS_TEST_SCRYPT_LOGN', 'CDS_LOG_LEVEL']) {
        if (savedEnv[name] === undefined) delete process.env[name];
        else process.env[name] = savedEnv[name];
      }
    },
  };
}
