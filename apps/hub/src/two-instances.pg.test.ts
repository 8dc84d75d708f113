import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createLeaseRepository, type HubDatabase } from '@cds/db';
import { verifyDirectoryEntries, type DirectoryEntry } from '@cds/directory';
import { signRequest } from '@cds/transport';
import { send, startTestHub, type TestHub } from './testing/hub-http.js';
import {
  registerTestParticipant,
  routingHeader,
  sha256Hex,
  type TestParticipant,
} from './testing/relay-fixture.js';

/*
 * SPEC §10: several stateless hub instances share one PostgreSQL database (nonces and leases
 * included) and one blob directory. Two instances run here in this process on their own ports;
 * every race below goes to both at once. Skipped without CDS_TEST_PG_URL, failed without it in CI.
 */
const url = process.env['CDS_TEST_PG_URL'];
process.env['CDS_LOG_LEVEL'] = 'warn';

const suite = url ? describe : describe.skip;
if (!url && process.env['CI'] === 'true') {
  describe('two hub instances on PostgreSQL', () => {
    it('needs a database', () => {
      throw new Error('CDS_TEST_PG_URL is required in CI');
    });
  });
}

const database = `cds_two_hubs_${process.pid}_${randomBytes(3).toString('hex')}`;
let admin: pg.Pool;
let hubs: TestHub[] = [];
let school: TestParticipant;
let edb: TestParticipant;

function databaseUrl(): string {
  const parsed = new URL(url ?? '');
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Two data directories with one hub key, one database and one blob directory (a shared volume). */
async function startTwoInstances(): Promise<TestHub[]> {
  const first = await mkdtemp(join(tmpdir(), 'cds-hub-a-'));
  const config = {
    format: 'cds-config/1',
    role: 'hub',
    http: { host: '127.0.0.1', port: 1 },
    database: { kind: 'postgres', url: databaseUrl() },
  };
  await writeFile(join(first, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  const a = await startTestHub({ dataDir: first });
  const second = await mkdtemp(join(tmpdir(), 'cds-hub-b-'));
  await cp(join(first, 'keys'), join(second, 'keys'), { recursive: true });
  await cp(join(first, 'config.json'), join(second, 'config.json'));
  await symlink(join(first, 'blobs'), join(second, 'blobs'));
  return [a, await startTestHub({ dataDir: second })];
}

async function hubRows(id: string) {
  const handle = createDatabase<HubDatabase>({ kind: 'postgres', url: databaseUrl(), maxConnections: 1 });
  try {
    const messages = await handle.db.selectFrom('messages').select('id').where('id', '=', id).execute();
    const deliveries = await handle.db
      .selectFrom('deliveries')
      .select(['recipient', 'state'])
      .where('message_id', '=', id)
      .execute();
    return { messages: messages.length, deliveries: deliveries.map((d) => `${d.recipient}:${d.state}`) };
  } finally {
    await handle.close();
  }
}

/** One signed request sent as is to an instance, Host kept: what a load balancer forwards. */
function forward(port: number, headers: Record<string, string>, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

suite('two hub instances on PostgreSQL', () => {
  beforeAll(async () => {
    admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query(`create database ${database}`);
    hubs = await startTwoInstances();
    school = await registerTestParticipant(hubs[0]!.dataDir, '123456');
    edb = await registerTestParticipant(hubs[1]!.dataDir, 'EDB');
  }, 60_000);
  afterAll(async () => {
    for (const hub of hubs) await hub.close();
    await admin?.query(`drop database if exists ${database} with (force)`);
    await admin?.end();
  });

  it('the same upload sent to both instances at once is stored once, and every answer is the same receipt', async () => {
    const payload = randomBytes(200_000);
    const header = await routingHeader(school, [edb], payload);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        send(hubs[i % 2]!.url, school, 'PUT', `/v1/messages/${header.id}`, {
          body: payload,
          headers: { 'content-type': 'application/octet-stream', 'cds-header': header.jws },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 201]);
    const receipts = new Set(
      await Promise.all(
        answers.map(async (answer) => ((await answer.json()) as { receipt: string }).receipt),
      ),
    );
    expect(receipts.size).toBe(1);
    expect(await hubRows(header.id)).toEqual({ messages: 1, deliveries: ['EDB:PENDING'] });
    const sha = sha256Hex(payload);
    expect(
      await readdir(join(hubs[0]!.dataDir, 'blobs', 'sha256', sha.slice(0, 2), sha.slice(2, 4))),
    ).toEqual([sha]);
    expect(await readdir(join(hubs[1]!.dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('a signed request replayed to the other instance at the same moment is accepted exactly once', async () => {
    for (let round = 0; round < 5; round++) {
      const target = new URL('/v1/mailbox', hubs[0]!.url);
      const signature = await signRequest({
        method: 'GET',
        url: target.toString(),
        key: edb.transport,
        now: Date.now(),
      });
      const headers = { ...signature, host: target.host, accept: 'application/json' };
      const ports = hubs.map((hub) => Number(new URL(hub.url).port));
      const statuses = await Promise.all([
        forward(ports[0]!, headers, '/v1/mailbox'),
        forward(ports[1]!, headers, '/v1/mailbox'),
      ]);
      expect(statuses.sort()).toEqual([200, 401]);
    }
  });

  it('of many instances taking the same lease at once, exactly one holds it', async () => {
    const handles = [0, 1].map(() =>
      createDatabase<HubDatabase>({ kind: 'postgres', url: databaseUrl(), maxConnections: 4 }),
    );
    try {
      const leases = handles.map((handle) => createLeaseRepository(handle.db));
      const now = Date.now();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          leases[i % 2]!.acquire('scheduler', `instance ${i}`, now, 60_000),
        ),
      );
      expect(results.filter((result) => result.acquired)).toHaveLength(1);
    } finally {
      for (const handle of handles) await handle.close();
    }
  });

  it('registrations through both instances at once keep one unbroken, hub-signed directory chain', async () => {
    const parties = ['200001', '200002', '200003', '200004', '200005', '200006', 'HKEAA', 'SFO'];
    await Promise.all(parties.map((party, i) => registerTestParticipant(hubs[i % 2]!.dataDir, party)));
    const answer = (await (await fetch(`${hubs[1]!.url}/v1/directory?after=0&limit=500`)).json()) as {
      entries: DirectoryEntry[];
    };
    const hubKey = ((await (await fetch(`${hubs[0]!.url}/v1/hub`)).json()) as { hubKey: { x: string } })
      .hubKey;
    const head = await verifyDirectoryEntries(
      answer.entries,
      { seq: 0, hash: '0'.repeat(64) },
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: hubKey.x,
      },
    );
    expect(head.seq).toBe(answer.entries.length);
    const registered = answer.entries.map((entry) => (entry.body as { party?: string }).party);
    for (const party of [...parties, '123456', 'EDB'])
      expect(registered.filter((p) => p === party)).toHaveLength(1);
  }, 60_000);
});
