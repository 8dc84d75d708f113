import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutgoingMessage } from '@cds/node';
import { runCliFast as runCli } from './testing/cli-harness.js';
import { createBundleWorld, type BundleWorld } from './testing/bundle-world.js';

const SCHOOL = '123456';
const EDB = 'EDB';

let world: BundleWorld;
beforeAll(async () => {
  world = await createBundleWorld([
    [SCHOOL, 'school'],
    [EDB, 'agency'],
  ]);
});
afterAll(async () => world?.close());

async function json<T>(args: readonly string[]): Promise<T> {
  const result = await runCli(['--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

describe('cds export, import, hub ingest and hub export-for as a user runs them', () => {
  it('an import killed mid-transaction leaves the store as it was; run again, it completes', async () => {
    const school = world.node(SCHOOL);
    const id = await world.send(EDB, SCHOOL, randomBytes(3000));
    await world.cycle(EDB);
    const file = join(world.root, 'for-school.zip');
    const exported = await json<{ messages: string[] }>([
      ...['hub', 'export-for', '--party', SCHOOL, '--out', file, '--data-dir', world.hubDir],
    ]);
    expect(exported.messages).toEqual([id]);

    const killed = await runCli(['import', file, '--data-dir', world.dataDir(SCHOOL)], {
      CDS_TEST_HOOKS: '1',
      CDS_FAULT_POINT: 'node.import.mid_transaction',
    });
    expect(killed.code).not.toBe(0);
    expect(killed.stdout).toBe('');
    expect(await school.repos.incoming.get(id)).toBeNull();
    expect(await school.repos.bundles.imported(id)).toBeNull();

    const imported = await json<{ messages: Array<{ id: string; outcome: string }> }>([
      ...['import', file, '--data-dir', world.dataDir(SCHOOL)],
    ]);
    expect(imported.messages).toEqual([{ id, from: EDB, outcome: 'ENCRYPTED' }]);
    expect((await school.repos.incoming.get(id))?.status).toBe('ENCRYPTED');
  });

  it('exports SEND_FAIL messages only, with the reason for the others; an ingest killed before its commit leaves the hub as it was', async () => {
    const school = world.node(SCHOOL);
    const id = await world.send(SCHOOL, EDB, randomBytes(3000));
    const ready = await createOutgoingMessage(school, {
      to: [EDB],
      subject: 'GEN',
      type: 'SUB',
      description: 'not sealed yet',
      owner: 'staff',
      attachments: [],
    });
    await world.stopHub();
    await world.cycle(SCHOOL);
    await world.startHub();

    const file = join(world.root, 'from-school.zip');
    const exported = await runCli([
      ...['--json', 'export', '--ids', id, ready.id, '--out', file, '--data-dir', world.dataDir(SCHOOL)],
    ]);
    expect(exported.code).toBe(4);
    expect(exported.stderr).toMatch(
      new RegExp(`^error message\\.invalid_transition: .*\\(${ready.id}\\)$`, 'm'),
    );
    expect(JSON.parse(exported.stdout)).toMatchObject({
      file,
      messages: [
        { id, ok: true, status: 'SEND_FAIL' },
        { id: ready.id, ok: false, error: { code: 'message.invalid_transition' } },
      ],
    });

    const killed = await runCli(['hub', 'ingest', file, '--data-dir', world.hubDir], {
      CDS_TEST_HOOKS: '1',
      CDS_FAULT_POINT: 'hub.ingest.blobs_stored',
    });
    expect(killed.code).not.toBe(0);
    expect(await world.withHub((hub) => hub.relay.message(id))).toBeNull();

    const ingested = await json<{ party: string; messages: unknown[] }>([
      ...['hub', 'ingest', file, '--data-dir', world.hubDir],
    ]);
    expect(ingested).toEqual({ party: SCHOOL, messages: [{ id, outcome: 'accepted' }] });
    await world.cycle(SCHOOL);
    expect((await school.repos.outgoing.get(id))?.status).toBe('SENT');

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const found = await json<Array<{ id: string }>>([
      ...['message', 'list', '--box', 'outgoing', '--data-dir', world.dataDir(SCHOOL)],
      ...['--description', `from ${SCHOOL}`, '--party', EDB, '--status', 'SENT', '--from', today],
    ]);
    expect(found.map((m) => m.id)).toContain(id);
    expect(found.map((m) => m.id)).not.toContain(ready.id);
  });
});
