/**
 * Key publication and version reports over real HTTP on loopback, in process: a hub and nodes driven
 * through the use cases the CLI calls (`cds keys publish`, `cds version`, the cycle, `node start`).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealingKeyFor } from '@cds/directory';
import { issueRegistrationCode } from '@cds/hub';
import { changeSchoolKey, recoverKeyring } from '@cds/keys';
import {
  hubClientFor,
  publishPendingKeys,
  refreshDirectory,
  reportVersionIfOwed,
  startNode,
  versionRecord,
  type NodeServices,
} from '@cds/node';
import { freePort, runCliFast as runCli } from './testing/cli-harness.js';
import { schoolKey, startKeyWorld, type KeyWorld } from './testing/key-world.js';

let world: KeyWorld;
let operator: KeyWorld['operator'];
let school: NodeServices;
let edb: NodeServices;

beforeAll(async () => {
  world = await startKeyWorld('key-publication');
  ({ operator, school, edb } = world);
}, 60_000);
afterAll(async () => world?.close());

describe('key changes reach the directory (SPEC §2.1, §2.3)', () => {
  it('a rollover is published by the next cycle, and other nodes seal to it as chained', async () => {
    const next = await changeSchoolKey(school.keys, {
      current: schoolKey('123456'),
      next: schoolKey('123456', 1),
      confirmation: schoolKey('123456', 1),
      actor: 'head',
    });
    expect((await operator.registry.publishedKeys('123456')).map((k) => k.kid)).not.toContain(next.kid);
    const report = await world.cycle(school);
    expect(report.events).toContainEqual(
      expect.objectContaining({ outcome: 'key_published', detail: next.kid }),
    );
    expect((await operator.registry.publishedKeys('123456')).map((k) => k.kid)).toContain(next.kid);

    await refreshDirectory(edb, await hubClientFor(edb));
    const seen = await edb.repos.directory.keys('123456');
    expect(seen.find((key) => key.kid === next.kid)?.trust).toBe('chained');
    expect(sealingKeyFor('123456', seen, Date.now()).kid).toBe(next.kid);
    // Nothing is left to send: a second cycle publishes nothing.
    expect((await world.cycle(school)).events.filter((e) => e.outcome === 'key_published')).toEqual([]);
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

    const report = await world.cycle(school);
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
      world.hubDir,
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
      join(world.root, '123456'),
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
    expect(await world.participant('EDB')).toMatchObject({ softwareVersion: '1.0.0' });
    expect((await versionRecord(edb))?.reportedAt).not.toBeNull();
    expect(await reportVersionIfOwed(edb, await hubClientFor(edb))).toBe(false);

    process.env['CDS_TEST_VERSION'] = '1.1.0';
    try {
      const running = await startNode({
        dataDir: join(world.root, 'EDB'),
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
      const listed = await runCli(['--json', 'hub', 'participants', '--data-dir', world.hubDir]);
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
    const sent = await runCli(['version', 'send', '--data-dir', join(world.root, '123456')]);
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
