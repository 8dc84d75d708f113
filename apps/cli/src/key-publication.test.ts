/**
 * Key publication and version reports over real HTTP on loopback, in process: a hub and nodes driven
 * through the use cases the CLI calls (`cds keys publish`, `cds version`, the cycle, `node start`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_RECEIPT_FORMAT, signReceipt } from '@cds/contracts';
import { createDatabase, type HubDatabase } from '@cds/db';
import { sealingKeyFor } from '@cds/directory';
import { layoutOf } from '@cds/platform';
import {
  issueRegistrationCode,
  listParticipants,
  openHubServices,
  registerParticipant,
  revokeParticipant,
  startHub,
} from '@cds/hub';
import {
  changeSchoolKey,
  generateMessageKey,
  initKeyring,
  newTransportKey,
  publicPartOf,
  readTransportKey,
  recoverKeyring,
  signKeyStatement,
  statementFor,
} from '@cds/keys';
import {
  createOutgoingMessage,
  hubClientFor,
  initNode,
  openNodeServices,
  publishPendingKeys,
  refreshDirectory,
  registerNode,
  reportVersionIfOwed,
  runTransmissionCycle,
  sealMessages,
  startNode,
  versionRecord,
  type NodeServices,
} from '@cds/node';
import { freePort, runCliFast as runCli } from './testing/cli-harness.js';

process.env['CDS_LOG_LEVEL'] ??= 'warn';
process.env['CDS_TEST_HOOKS'] = '1';
process.env['CDS_TEST_SCRYPT_LOGN'] = '10';
process.env['CDS_TEST_VERSION'] = '1.0.0';

const root = await mkdtemp(join(tmpdir(), 'cds-key-publication-'));
const hubDir = join(root, 'hub');
let hub: Awaited<ReturnType<typeof startHub>>;
let operator: Awaited<ReturnType<typeof openHubServices>>;
const nodes = new Map<string, NodeServices>();
const schoolKey = (party: string, n = 0) => Buffer.from(`School-Key-For-${party}-${n}`);

async function join_(party: string, nodeRole: 'school' | 'agency'): Promise<NodeServices> {
  const dataDir = join(root, party);
  await initNode({ dataDir, party, nodeRole, hubUrls: [hub.url] });
  const services = await openNodeServices(dataDir);
  nodes.set(party, services);
  await initKeyring(services.keys, schoolKey(party), 'test');
  const { code } = await issueRegistrationCode(operator, { party });
  await registerNode(services, await hubClientFor(services), code);
  return services;
}

async function participant(party: string) {
  return (await listParticipants(operator)).find((row) => row.party === party);
}

const cycle = (services: NodeServices) =>
  runTransmissionCycle(services, { actor: 'test', retry: { attempts: 1, baseDelayMs: 1 } });

let school: NodeServices;
let edb: NodeServices;

beforeAll(async () => {
  hub = await startHub({ dataDir: hubDir, host: '127.0.0.1', port: await freePort(), handleSignals: false });
  operator = await openHubServices(hubDir);
  edb = await join_('EDB', 'agency');
  school = await join_('123456', 'school');
}, 60_000);
afterAll(async () => {
  for (const services of nodes.values()) await services.close();
  await operator?.close();
  await hub?.close();
  await rm(root, { recursive: true, force: true });
});

describe('key changes reach the directory (SPEC §2.1, §2.3)', () => {
  it('a rollover is published by the next cycle, and other nodes seal to it as chained', async () => {
    const next = await changeSchoolKey(school.keys, {
      current: schoolKey('123456'),
      next: schoolKey('123456', 1),
      confirmation: schoolKey('123456', 1),
      actor: 'head',
    });
    expect((await operator.registry.publishedKeys('123456')).map((k) => k.kid)).not.toContain(next.kid);
    const report = await cycle(school);
    expect(report.events).toContainEqual(
      expect.objectContaining({ outcome: 'key_published', detail: next.kid }),
    );
    expect((await operator.registry.publishedKeys('123456')).map((k) => k.kid)).toContain(next.kid);

    await refreshDirectory(edb, await hubClientFor(edb));
    const seen = await edb.repos.directory.keys('123456');
    expect(seen.find((key) => key.kid === next.kid)?.trust).toBe('chained');
    expect(sealingKeyFor('123456', seen, Date.now()).kid).toBe(next.kid);
    // Nothing is left to send: a second cycle publishes nothing.
    expect((await cycle(school)).events.filter((e) => e.outcome === 'key_published')).toEqual([]);
  });

  it('a recovered key waits for the operator’s key-recovery code; wrong and misused codes change nothing', async () => {
    const recovered = await recoverKeyring(school.keys, {
      current: null,
      next: schoolKey('123456', 2),
      confirmation: schoolKey('123456', 2),
      actor: 'head',
    });
    const published = async () => (await operator.registry.publishedKeys('123456')).map((k) => k.kid);
    const before = await published();
    const head = await operator.registry.directoryHead();

    const report = await cycle(school);
    expect(report.events).toContainEqual(
      expect.objectContaining({
        outcome: 'skipped',
        reason: 'registration.approval_required',
        detail: recovered.kid,
      }),
    );
    const client = await hubClientFor(school);
    const registrationCode = (await issueRegistrationCode(operator, { party: '654321' })).code;
    for (const code of ['AAAAA-AAAAA-AAAAA-AAAAA', registrationCode]) {
      await expect(publishPendingKeys(school, client, { code })).rejects.toMatchObject({
        code: 'registration.invalid_code',
      });
    }
    expect(await published()).toEqual(before);
    expect(await operator.registry.directoryHead()).toEqual(head);

    // The operator's and the key holder's commands, as they would type them.
    const issued = await runCli([
      'hub',
      'issue-code',
      '--data-dir',
      hubDir,
      '--party',
      '123456',
      '--purpose',
      'key-recovery',
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const code = issued.stdout.trim().split('\n').at(-1) ?? '';
    const publish = await runCli([
      '--json',
      'keys',
      'publish',
      '--data-dir',
      join(root, '123456'),
      '--code',
      code,
    ]);
    expect(publish.code, publish.stderr).toBe(0);
    expect(JSON.parse(publish.stdout)).toEqual({
      published: [{ kid: recovered.kid, fingerprint: recovered.fingerprint, recovery: true }],
      awaitingApproval: [],
    });
    expect(await published()).toContain(recovered.kid);
    // Single use: the same code approves nothing else.
    await expect(publishPendingKeys(school, client, { code })).rejects.toMatchObject({
      code: 'key.nothing_to_publish',
    });

    await refreshDirectory(edb, await hubClientFor(edb));
    const seen = await edb.repos.directory.keys('123456');
    expect(seen.find((key) => key.kid === recovered.kid)?.trust).toBe('unconfirmed');
    expect(() => sealingKeyFor('123456', seen, Date.now())).toThrow(
      expect.objectContaining({ code: 'directory.key_not_chained' }),
    );
  }, 60_000);

  it('issues key-recovery codes only to registered parties', async () => {
    await expect(
      issueRegistrationCode(operator, { party: '222222', purpose: 'key-recovery' }),
    ).rejects.toMatchObject({ code: 'registration.not_registered' });
  });
});

describe('software version (傳送網上校管系統版本, SPEC §4)', () => {
  it('registration carries the version; a start with a new version reports it once', async () => {
    expect(await participant('EDB')).toMatchObject({ softwareVersion: '1.0.0' });
    expect((await versionRecord(edb))?.reportedAt).not.toBeNull();
    expect(await reportVersionIfOwed(edb, await hubClientFor(edb))).toBe(false);

    process.env['CDS_TEST_VERSION'] = '1.1.0';
    try {
      const running = await startNode({
        dataDir: join(root, 'EDB'),
        host: '127.0.0.1',
        port: await freePort(),
        handleSignals: false,
      });
      try {
        const deadline = Date.now() + 15_000;
        // The node marks the report done after the hub's answer, so its record is the last to change.
        while ((await versionRecord(edb))?.reportedAt == null && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await running.close();
      }
      const listed = await runCli(['--json', 'hub', 'participants', '--data-dir', hubDir]);
      expect(JSON.parse(listed.stdout)).toContainEqual(
        expect.objectContaining({
          party: 'EDB',
          softwareVersion: '1.1.0',
          versionReportedAt: expect.any(String),
        }),
      );
      expect(await versionRecord(edb)).toMatchObject({ version: '1.1.0', reportedAt: expect.any(Number) });
      expect(await reportVersionIfOwed(edb, await hubClientFor(edb))).toBe(false);
    } finally {
      process.env['CDS_TEST_VERSION'] = '1.0.0';
    }
  }, 60_000);

  it('the manual Start prepares a SYS/VER message to EDB carrying version.json', async () => {
    const sent = await runCli(['version', 'send', '--data-dir', join(root, '123456')]);
    expect(sent.code, sent.stderr).toBe(0);
    const message = await school.repos.outgoing.get(sent.stdout.trim());
    expect(message).toMatchObject({ status: 'READY', to: ['EDB'], subject: 'SYS', type: 'VER' });
    if (!message) return;
    const [attachment] = await school.repos.outgoing.attachments(message.id);
    expect(attachment?.displayName).toBe('version.json');
    const chunks: Buffer[] = [];
    for await (const chunk of await school.blobs.get(attachment?.blob ?? '')) chunks.push(chunk as Buffer);
    const document = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
    expect(document).toEqual({ scrn: '123456', version: '1.0.0', upgradedAt: expect.any(String) });
    expect(new Date(document['upgradedAt'] ?? '').toISOString()).toBe(document['upgradedAt']);
  }, 60_000);
});

describe('transport keys in the signed directory (SPEC §2.2)', () => {
  it('lists each transport key; a rotation goes to the hub at once and other nodes follow it', async () => {
    const client = await hubClientFor(edb);
    await refreshDirectory(edb, client);
    const before = await readTransportKey(school.keys.paths.transportKey);
    const listed = async () => (await edb.repos.directory.transportKeys('123456')).map((key) => key.kid);
    expect(await listed()).toEqual([before.kid]);

    const rotated = await runCli([
      '--json',
      'node',
      'rotate-transport-key',
      '--data-dir',
      join(root, '123456'),
    ]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const result = JSON.parse(rotated.stdout) as {
      previousKid: string;
      transport: { kid: string };
      sentToHub: unknown;
    };
    expect(result).toMatchObject({ previousKid: before.kid, sentToHub: true });
    expect((await operator.registry.transportKey(before.kid))?.revokedAt).not.toBeNull();
    expect(await operator.registry.transportKey(result.transport.kid)).toMatchObject({
      party: '123456',
      revokedAt: null,
    });

    await refreshDirectory(edb, client);
    expect(await listed()).toEqual([before.kid, result.transport.kid]);
    // The school's requests go through with the new key; nothing is owed any more.
    const report = await cycle(school);
    expect(report.stoppedBy).toBeNull();
    expect(report.events.filter((event) => event.outcome === 'transport_key_published')).toEqual([]);
  }, 60_000);

  it('a receipt signed with a key the hub lists but the directory does not proves nothing', async () => {
    const message = await createOutgoingMessage(school, {
      to: ['EDB'],
      subject: 'STU',
      type: 'SUB',
      description: 'receipt forgery',
      owner: 'staff',
      attachments: [],
    });
    const [sealed] = await sealMessages(school, {
      ids: [message.id],
      schoolKey: schoolKey('123456', 2),
      actor: 'head',
      hubClient: () => hubClientFor(school),
    });
    expect(sealed?.ok).toBe(true);
    await cycle(school);
    const sent = await school.repos.outgoing.get(message.id);
    expect(sent?.status).toBe('SENT');

    // The hub invents a transport key for EDB and a delivery receipt signed with it.
    const forger = newTransportKey(Date.now());
    const jws = await signReceipt(
      {
        format: DELIVERY_RECEIPT_FORMAT,
        messageId: message.id,
        recipient: 'EDB',
        payloadSha256: sent?.payloadSha256 ?? '',
        at: Date.now(),
      },
      { kid: forger.kid, privateJwk: forger },
    );
    const database = createDatabase<HubDatabase>({ kind: 'sqlite', file: layoutOf(hubDir).database });
    try {
      await database.db
        .insertInto('transport_keys')
        .values({
          kid: forger.kid,
          party: 'EDB',
          public_jwk: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: forger.x }),
          created_at: Date.now(),
          revoked_at: null,
        })
        .execute();
      const last = await database.db
        .selectFrom('receipts')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      await database.db
        .insertInto('receipts')
        .values({
          seq: Number(last?.seq ?? 0) + 1,
          sender: '123456',
          message_id: message.id,
          recipient: 'EDB',
          kind: 'delivery',
          jws,
          signer_kid: forger.kid,
          reason: null,
          stored_at: Date.now(),
        })
        .execute();
    } finally {
      await database.close();
    }

    const report = await cycle(school);
    expect(report.events).toContainEqual(
      expect.objectContaining({
        step: 'receipt',
        messageId: message.id,
        outcome: 'failed',
        reason: 'receipt.invalid',
      }),
    );
    expect(await school.repos.outgoing.get(message.id)).toMatchObject({ status: 'SENT' });
    expect(await school.repos.outgoingReceipts.forMessage(message.id)).toEqual([]);
  }, 60_000);
});

describe('refusals at the node (the issue’s checklist)', () => {
  it('an unregistered node runs no cycle: registration.not_registered, nothing sent', async () => {
    const dataDir = join(root, '333333');
    await initNode({ dataDir, party: '333333', nodeRole: 'school', hubUrls: [hub.url] });
    const loner = await openNodeServices(dataDir);
    nodes.set('333333', loner);
    await initKeyring(loner.keys, schoolKey('333333'), 'test');
    await expect(cycle(loner)).rejects.toMatchObject({ code: 'registration.not_registered' });
    expect(await participant('333333')).toBeUndefined();
  });

  // Last: it leaves EDB with a key nobody trusts.
  it('a hub that swaps EDB’s key cannot get a message sealed to it: directory.key_not_chained, still READY', async () => {
    // Whoever holds the hub can revoke EDB and register a key of its own making…
    await revokeParticipant(operator, { party: 'EDB', reason: 'swapped' });
    const now = Date.now();
    const rogue = generateMessageKey(now);
    const statement = await signKeyStatement(statementFor('EDB', publicPartOf(rogue), now, null, false), [
      { kid: rogue.kid, privateJwk: rogue.ed25519 },
    ]);
    const transport = newTransportKey(now);
    await registerParticipant(operator, {
      code: (await issueRegistrationCode(operator, { party: 'EDB' })).code,
      party: 'EDB',
      statement: statement as Parameters<typeof registerParticipant>[1]['statement'],
      transportKey: { kid: transport.kid, x: transport.x },
      softwareVersion: '1.0.0',
      address: '127.0.0.1',
    });
    // …but the school pinned EDB's first key, and the new one is chained to nothing.
    await refreshDirectory(school, await hubClientFor(school));
    const message = await createOutgoingMessage(school, {
      to: ['EDB'],
      subject: 'STU',
      type: 'SUB',
      description: 'to a swapped key',
      owner: 'staff',
      attachments: [],
    });
    const [outcome] = await sealMessages(school, {
      ids: [message.id],
      schoolKey: schoolKey('123456', 2),
      actor: 'head',
      hubClient: () => hubClientFor(school),
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'directory.key_not_chained' } });
    expect(await school.repos.outgoing.get(message.id)).toEqual(message);
  });
});
