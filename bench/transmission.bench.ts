/**
 * `npm run bench:transmission [-- --smoke] [-- --hub sqlite|postgres]`: 100 simulated schools at
 * once, each sending 20 sealed 16 KiB messages through the hub to EDB (issue #6). Every school is
 * set up, keyed and registered first, and seals its messages with one School Key entry (scrypt at
 * the test work factor: sealing is not what is measured). Then every school runs one transmission
 * cycle at the same moment while EDB cycles until it has acknowledged everything. Prints messages/s
 * end to end (from the first upload until the hub holds every delivery acknowledged) and the
 * p50/p95/p99 latency of an accepted upload as a school sees it, for the SQLite hub and the
 * PostgreSQL hub (when CDS_TEST_PG_URL is set). The hub and EDB run in their own processes; the
 * schools share this one, as schools share the hub's network in the field.
 * CDS_BENCH_SCHOOLS and CDS_BENCH_MESSAGES change the load (one school alone gives the bare latency).
 */
process.env['CDS_TEST_HOOKS'] = '1';
process.env['CDS_TEST_SCRYPT_LOGN'] ??= '10';
process.env['CDS_LOG_LEVEL'] ??= 'silent';

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, type HubDatabase } from '@cds/db';
import { issueRegistrationCode, openHubServices } from '@cds/hub';
import { initKeyring } from '@cds/keys';
import {
  createOutgoingMessage,
  hubClientFor,
  initNode,
  openNodeServices,
  refreshDirectory,
  registerNode,
  runTransmissionCycle,
  sealMessages,
  type NodeServices,
} from '@cds/node';
import { freePort } from '../apps/cli/src/testing/cli-harness.js';
import { compileWorker, Worker } from '../test/faults/workers.js';
import { recordRow } from './record.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const smoke = process.argv.includes('--smoke');
const SCHOOLS = Number(process.env['CDS_BENCH_SCHOOLS'] ?? (smoke ? 6 : 100));
const PER_SCHOOL = Number(process.env['CDS_BENCH_MESSAGES'] ?? (smoke ? 3 : 20));
const SIZE = 16 * 1024;
const hubArg = process.argv.indexOf('--hub');
const pgUrl = process.env['CDS_TEST_PG_URL'];
const kinds =
  hubArg >= 0
    ? [process.argv[hubArg + 1] as 'sqlite' | 'postgres']
    : pgUrl
      ? (['sqlite', 'postgres'] as const)
      : (['sqlite'] as const);

const key = (party: string) => `Bench-School-Key-${party}-2026`;

async function limited<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** A node keyed and registered at the hub; schools also seal their messages (one unlock each). */
async function setUpNode(root: string, hubDir: string, hubUrl: string, party: string): Promise<NodeServices> {
  const dataDir = join(root, party);
  await initNode({ dataDir, party, nodeRole: party === 'EDB' ? 'agency' : 'school', hubUrls: [hubUrl] });
  const services = await openNodeServices(dataDir);
  await initKeyring(services.keys, Buffer.from(key(party)), 'bench');
  const operator = await openHubServices(hubDir);
  const { code } = await issueRegistrationCode(operator, { party }).finally(() => operator.close());
  await registerNode(services, await hubClientFor(services), code);
  return services;
}

async function sealAll(services: NodeServices, party: string): Promise<void> {
  const client = await hubClientFor(services);
  await refreshDirectory(services, client);
  const ids: string[] = [];
  for (let i = 0; i < PER_SCHOOL; i++) {
    const bytes = randomBytes(SIZE);
    const message = await createOutgoingMessage(services, {
      to: ['EDB'],
      subject: 'STU',
      type: 'SUB',
      description: `bench ${party} #${i}`,
      attachments: [
        {
          displayName: 'data.bin',
          mediaType: 'application/octet-stream',
          open: () => Readable.from([bytes]),
        },
      ],
      owner: 'bench',
    });
    ids.push(message.id);
  }
  const outcomes = await sealMessages(services, {
    ids,
    schoolKey: Buffer.from(key(party)),
    actor: 'bench',
    hubClient: () => Promise.resolve(client),
  });
  if (outcomes.some((outcome) => !outcome.ok)) throw new Error(`sealing failed at ${party}`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function benchOne(kind: 'sqlite' | 'postgres') {
  const root = await mkdtemp(join(tmpdir(), 'cds-bench-tx-'));
  const hubDir = join(root, 'hub');
  const database = `cds_bench_${process.pid}`;
  const admin = kind === 'postgres' ? new pg.Pool({ connectionString: pgUrl, max: 1 }) : null;
  let databaseUrl: string | null = null;
  if (admin && pgUrl) {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
    const url = new URL(pgUrl);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    await mkdir(hubDir, { recursive: true });
    const config = {
      format: 'cds-config/1',
      role: 'hub',
      http: { host: '127.0.0.1', port: 1 },
      database: { kind: 'postgres', url: databaseUrl },
    };
    await writeFile(join(hubDir, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  }
  const hub = new Worker({});
  const edb = new Worker({});
  const schools: Array<{ party: string; services: NodeServices }> = [];
  try {
    await Promise.all([hub.start(), edb.start()]);
    const port = await freePort();
    await hub.call('hub.start', { dir: hubDir, port });
    const hubUrl = `http://127.0.0.1:${port}`;
    await (await setUpNode(root, hubDir, hubUrl, 'EDB')).close();
    const parties = Array.from({ length: SCHOOLS }, (_, i) => String(300001 + i));
    const setupStarted = Date.now();
    await limited(parties, 4, async (party) => {
      const services = await setUpNode(root, hubDir, hubUrl, party);
      await sealAll(services, party);
      schools.push({ party, services });
    });
    const setupSeconds = (Date.now() - setupStarted) / 1000;
    await edb.call('node.open', { name: 'EDB', dir: join(root, 'EDB') });

    const total = SCHOOLS * PER_SCHOOL;
    const latencies: number[] = [];
    const observer = createDatabase<HubDatabase>(
      databaseUrl
        ? { kind: 'postgres', url: databaseUrl, maxConnections: 1 }
        : { kind: 'sqlite', file: join(hubDir, 'cds.sqlite') },
    );
    const acknowledged = async () =>
      Number(
        (
          await observer.db
            .selectFrom('deliveries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('state', '=', 'ACKNOWLEDGED')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const started = performance.now();
    let uploadsDone = 0;
    const uploads = Promise.all(
      schools.map(async ({ services }) => {
        const client = await hubClientFor(services);
        const put = client.putStream.bind(client);
        client.putStream = async (...args: Parameters<typeof put>) => {
          const t0 = performance.now();
          const answer = await put(...args);
          latencies.push(performance.now() - t0);
          return answer as never;
        };
        const report = await runTransmissionCycle(services, { actor: 'bench', client });
        if ((report.totals['upload:SENT'] ?? 0) !== PER_SCHOOL)
          throw new Error(`a school sent ${JSON.stringify(report.totals)}`);
      }),
    ).then(() => (uploadsDone = performance.now()));
    let done = 0;
    while (done < total) {
      await edb.call('node.cycle', { name: 'EDB', attempts: 3, delayMs: 50, leaseTtlMs: 60_000 });
      done = await acknowledged();
      if (done < total && uploadsDone === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const finished = performance.now();
    await uploads;
    await observer.close();
    latencies.sort((a, b) => a - b);
    return {
      kind,
      setupSeconds,
      total,
      perSecond: total / ((finished - started) / 1000),
      acceptPerSecond: total / ((uploadsDone - started) / 1000),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
    };
  } finally {
    for (const { services } of schools) await services.close();
    await edb.stop();
    await hub.stop();
    if (admin) {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
    await rm(root, { recursive: true, force: true });
  }
}

await compileWorker();
const commit =
  spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo }).stdout.toString().trim() || 'unknown';
for (const kind of kinds) {
  const result = await benchOne(kind);
  console.log(
    `transmission bench, ${kind} hub: ${SCHOOLS} schools × ${PER_SCHOOL} sealed 16 KiB messages to EDB (setup ${result.setupSeconds.toFixed(0)} s)`,
  );
  console.log(`  end to end (accepted and acknowledged) ${result.perSecond.toFixed(1)} messages/s`);
  console.log(`  accepted                               ${result.acceptPerSecond.toFixed(1)} messages/s`);
  console.log(
    `  accept latency p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms`,
  );
  if (!process.argv.includes('--no-record')) {
    await recordRow(
      join(repo, 'docs/performance.md'),
      'Transmission (`npm run bench:transmission`)',
      [
        'date',
        'commit',
        'hub',
        'schools × messages',
        'end-to-end msg/s',
        'accepted msg/s',
        'accept p50 ms',
        'p95 ms',
        'p99 ms',
      ],
      [
        new Date().toISOString().slice(0, 16).replace('T', ' '),
        commit,
        kind === 'sqlite' ? 'SQLite' : 'PostgreSQL',
        `${SCHOOLS} × ${PER_SCHOOL}`,
        result.perSecond.toFixed(1),
        result.acceptPerSecond.toFixed(1),
        ...[result.p50, result.p95, result.p99].map((v) => v.toFixed(0)),
      ],
    );
  }
}
