import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOutgoingMessage,
  hubClientFor,
  listMessages,
  openNodeServices,
  runTransmissionCycle,
  sealMessages,
  showMessage,
  type NodeServices,
} from '@cds/node';

const repo = fileURLToPath(new URL('..', import.meta.url));
// Shifted away from 8700–8711 (SPEC §11: tests never use the demo ports).
const OFFSET = 20_000;
const PORTS = [8700, 8701, 8702, 8703, 8710, 8711].map((port) => port + OFFSET);
const PARTIES = ['HUB', '123456', '654321', '111111', 'EDB', 'HKEAA'];

let demo: ChildProcess | undefined;
afterEach(() => {
  demo?.kill('SIGKILL');
});

function startDemo(dataDir: string): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const child = spawn(process.execPath, [join(repo, 'scripts/demo.mjs')], {
    cwd: repo,
    env: {
      ...process.env,
      CDS_DATA_DIR: dataDir,
      CDS_DEMO_PORT_OFFSET: String(OFFSET),
      CDS_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`demo exited ${code}: ${output}`)));
  });
  return { child, output: () => output, ready };
}

async function allHealthy(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (const port of PORTS) {
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  return exited;
}

/**
 * SPEC §11 demo traffic: the schools find the seeded EDB circular and HKEAA parameter file after a
 * cycle of their own, and a school's message comes back 已接收 (RECEIVED) with nobody acting at EDB:
 * EDB's scheduled cycles (every 10 s, in its node process) download and receipt it.
 */
async function demoTraffic(dataDir: string, output: string): Promise<void> {
  expect(output).toContain('EDB queued');
  expect(output).toContain('HKEAA queued');
  process.env['CDS_DEMO'] = '1'; // the published demo School Key is refused otherwise
  const school: NodeServices = await openNodeServices(join(dataDir, '123456'));
  try {
    const { id } = await createOutgoingMessage(school, {
      to: ['EDB'],
      subject: 'STU',
      type: 'SUB',
      description: '表格 A – 學生離校（示範）',
      owner: 'staff',
      attachments: [
        {
          displayName: 'form-a.csv',
          mediaType: 'text/csv',
          open: () => Readable.from([Buffer.from('id\n1\n')]),
        },
      ],
    });
    const [sealed] = await sealMessages(school, {
      ids: [id],
      schoolKey: Buffer.from('Demo-Key-123456-2026'),
      actor: 'head',
      // EDB registered after this school: its key comes from the hub's directory now.
      hubClient: () => hubClientFor(school),
    });
    expect(sealed?.ok).toBe(true);
    const deadline = Date.now() + 60_000;
    let status = '';
    let incoming: Awaited<ReturnType<typeof listMessages>> = [];
    while (Date.now() < deadline) {
      await runTransmissionCycle(school, { actor: 'head', retry: { baseDelayMs: 50 } });
      status = (await showMessage(school, id)).status;
      incoming = await listMessages(school, { box: 'incoming' });
      if (status === 'RECEIVED' && incoming.length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    expect(status).toBe('RECEIVED');
    const from = (party: string) => incoming.find((message) => 'from' in message && message.from === party);
    expect(from('EDB')).toMatchObject({ subject: 'SCH', type: 'CIR', status: 'ENCRYPTED' });
    expect(from('EDB')).toHaveProperty('replyDeadline', expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
    expect(from('HKEAA')).toMatchObject({ subject: 'TSA', type: 'PAR', status: 'ENCRYPTED' });
  } finally {
    await school.close();
  }
}

describe('npm start (demo)', () => {
  it('runs the hub and five nodes, prints URLs and logins, stops on Ctrl-C and restarts on the same data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cds-demo-'));
    const first = startDemo(dataDir);
    demo = first.child;
    const started = Date.now();
    await allHealthy();
    expect(Date.now() - started).toBeLessThan(30_000);
    await first.ready;
    for (const [index, port] of PORTS.entries()) {
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
        role: string;
        party: string | null;
      };
      expect(health.role).toBe(index === 0 ? 'hub' : 'node');
      expect(health.party).toBe(index === 0 ? null : PARTIES[index]);
      expect(first.output()).toContain(`http://127.0.0.1:${port}`);
    }
    for (const login of [
      'cdsadmin',
      'sysadmin',
      'head',
      'staff',
      'Demo-Pass-2026!',
      'Demo-Key-123456-2026',
    ]) {
      expect(first.output()).toContain(login);
    }
    await demoTraffic(dataDir, first.output());
    expect(await stop(first.child)).toBe(0);
    await expect(fetch(`http://127.0.0.1:${PORTS[1]}/healthz`)).rejects.toThrow();
    const config = await readFile(join(dataDir, '123456', 'config.json'), 'utf8');

    const second = startDemo(dataDir);
    demo = second.child;
    await second.ready;
    expect(second.output()).not.toContain('initialised 123456');
    expect(second.output()).not.toContain('keyring created');
    expect(second.output()).not.toMatch(/\d registered/);
    expect(second.output()).not.toContain('queued');
    expect(await readFile(join(dataDir, '123456', 'config.json'), 'utf8')).toBe(config);
    for (const port of PORTS) expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  }, 180_000);
});
