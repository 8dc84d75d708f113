import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCdsLogLine } from '@cds/domain';
import { createCycleLog } from './cycle-log.js';
import { createFsCdsLog } from './fs-cds-log.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cds-cycle-log-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the lines a cycle writes to the CDS log', () => {
  it('a cycle running across Hong Kong midnight writes each line to the file of its own day', async () => {
    const dir = join(root, 'logs');
    let now = Date.parse('2026-03-02T23:59:59.500+08:00');
    const log = createCycleLog(createFsCdsLog(dir), { now: () => now }, 'cycle-1');
    log.start('scheduled', 'scheduler');
    log.event({ step: 'upload', messageId: 'm-1', outcome: 'queued' });
    log.event({ step: 'upload', messageId: 'm-1', outcome: 'uploading' });
    now += 1_000;
    log.event({
      step: 'upload',
      messageId: 'm-1',
      outcome: 'SEND_FAIL',
      reason: 'transport.hub_unreachable',
    });
    log.end('stopped', 'transport.hub_unreachable', { 'upload:SEND_FAIL': 1 });
    expect(await log.settle()).toBeNull();

    const first = (await readFile(join(dir, 'CDS_20260302.log'), 'utf8')).trim().split('\n');
    const second = (await readFile(join(dir, 'CDS_20260303.log'), 'utf8')).trim().split('\n');
    expect(first.map(parseCdsLogLine)).toEqual([
      {
        at: Date.parse('2026-03-02T23:59:59.500+08:00'),
        cycleId: 'cycle-1',
        action: 'start',
        messageId: null,
        result: 'scheduled',
        code: null,
        detail: 'user scheduler',
      },
    ]);
    expect(second).toEqual([
      '2026-03-03T00:00:00.500+08:00\tcycle-1\tupload\tm-1\tSEND_FAIL\ttransport.hub_unreachable\t-',
      '2026-03-03T00:00:00.500+08:00\tcycle-1\tend\t-\tstopped\ttransport.hub_unreachable\tupload:SEND_FAIL=1',
    ]);
    expect((await createFsCdsLog(dir).days()).map((day) => day.date)).toEqual(['2026-03-03', '2026-03-02']);
  });

  it('a log that cannot be written is reported, never thrown into the cycle', async () => {
    const notADirectory = join(root, 'file');
    await writeFile(notADirectory, 'x');
    const log = createCycleLog(createFsCdsLog(notADirectory), { now: () => 0 }, 'cycle-2');
    log.start('adhoc', 'cli:someone');
    log.end('completed', null, {});
    expect(await log.settle()).toMatch(/^E[A-Z]+$/);
  });
});
