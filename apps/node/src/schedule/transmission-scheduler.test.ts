import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type TransmissionSchedule } from '@cds/domain';
import { initNode } from '../init-node.js';
import { openNodeServices, type NodeServices } from '../node-services.js';
import type { CycleRunner, CycleRunView } from './cycle-runner.js';
import { setTransmissionSchedule } from './set-transmission-schedule.js';
import { showTransmissionSchedule } from './show-transmission-schedule.js';
import { createTransmissionScheduler, type SchedulerLogger, type Sleep } from './transmission-scheduler.js';

const hk = (local: string): number => Date.parse(`${local}+08:00`);
const hkText = (ms: number): string =>
  new Date(ms + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);

let root: string;
const nodes: Record<'school' | 'agency', NodeServices> = {} as never;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cds-scheduler-'));
  for (const [party, role] of [
    ['123456', 'school'],
    ['EDB', 'agency'],
  ] as const) {
    await initNode({ dataDir: join(root, party), party, nodeRole: role, hubUrls: ['http://127.0.0.1:1'] });
    nodes[role] = await openNodeServices(join(root, party));
  }
});
afterAll(async () => {
  for (const services of Object.values(nodes)) await services.close();
  await rm(root, { recursive: true, force: true });
});

/**
 * The scheduler on a clock that jumps: each sleep moves the clock forward by what was asked, so a week
 * of schedule passes in milliseconds. The runner records when it was asked to start a cycle and
 * plays the lease's answer (`busy` → transmission.already_running), finishing at once.
 */
function simulate(services: NodeServices, start: number, options: { busy?: (at: number) => boolean } = {}) {
  let now = start;
  const started: number[] = [];
  const lines: string[] = [];
  let onStart: (() => void) | null = null;
  const runner: Pick<CycleRunner, 'start'> = {
    start: ({ trigger, actor }) => {
      expect({ trigger, actor }).toEqual({ trigger: 'scheduled', actor: 'scheduler' });
      if (options.busy?.(now)) {
        return Promise.reject(new AppError('transmission.already_running', { holder: 'cli:someone' }));
      }
      started.push(now);
      onStart?.();
      const run = { id: `run-${started.length}`, state: 'completed', totals: {} } as unknown as CycleRunView;
      return Promise.resolve({ run, finished: Promise.resolve(run) });
    },
  };
  const logger: SchedulerLogger = {
    info: (_fields, message) => lines.push(message),
    warn: (_fields, message) => lines.push(`warn ${message}`),
    error: (_fields, message) => lines.push(`error ${message}`),
  };
  const sleep: Sleep = async (ms) => {
    now += ms;
    await new Promise((resolve) => setImmediate(resolve));
  };
  const scheduler = createTransmissionScheduler({
    services,
    runner,
    logger,
    clock: { now: () => now },
    sleep,
    pollMs: 3_600_000,
  });
  return {
    scheduler,
    started,
    lines,
    /** Runs until `count` cycles were started, then stops the scheduler. */
    async until(count: number): Promise<string[]> {
      const reached = new Promise<void>((resolve) => {
        onStart = () => {
          if (started.length >= count) resolve();
        };
      });
      scheduler.start();
      await reached;
      await scheduler.stop();
      return started.slice(0, count).map(hkText);
    },
  };
}

async function setSchedule(services: NodeServices, schedule: TransmissionSchedule): Promise<void> {
  await setTransmissionSchedule(services, { schedule, actor: 'test' });
}

describe('設定時間輸送: the node runs cycles when its schedule says (Hong Kong time)', () => {
  it('daily times on school days: Friday afternoon, then Monday, skipping the weekend', async () => {
    await setSchedule(nodes.school, {
      mode: 'daily',
      times: ['16:30', '08:00'],
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
    const run = simulate(nodes.school, hk('2026-03-06T16:00:00'));
    expect(await run.until(4)).toEqual([
      '2026-03-06 16:30',
      '2026-03-09 08:00',
      '2026-03-09 16:30',
      '2026-03-10 08:00',
    ]);
  });

  it('agencies cycle at their interval, counted from the start of the previous cycle', async () => {
    await setSchedule(nodes.agency, { mode: 'interval', intervalSeconds: 10 });
    const start = hk('2026-03-02T09:00:00');
    const run = simulate(nodes.agency, start);
    await run.until(3);
    expect(run.started.map((at) => (at - start) / 1000)).toEqual([10, 20, 30]);
  });

  it('a time that finds a cycle already running is skipped and logged, not queued', async () => {
    await setSchedule(nodes.school, { mode: 'daily', times: ['08:00', '12:00'], weekdays: ['mon'] });
    const busyAt = hk('2026-03-02T08:00:00');
    const run = simulate(nodes.school, hk('2026-03-02T07:00:00'), { busy: (at) => at === busyAt });
    expect(await run.until(1)).toEqual(['2026-03-02 12:00']);
    expect(run.lines).toContain('scheduled cycle skipped: a cycle is already running');
  });

  it('a schedule switched off starts nothing; schools are off until they set one, agencies default to 60 s', async () => {
    await setSchedule(nodes.school, { mode: 'off' });
    const run = simulate(nodes.school, hk('2026-03-02T07:00:00'));
    run.scheduler.start();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    await run.scheduler.stop();
    expect(run.started).toEqual([]);
    expect(run.scheduler.nextRunAt()).toBeNull();

    const fresh = join(root, '654321');
    await initNode({ dataDir: fresh, party: '654321', nodeRole: 'school', hubUrls: ['http://127.0.0.1:1'] });
    const school = await openNodeServices(fresh);
    try {
      expect(await showTransmissionSchedule(school)).toMatchObject({
        schedule: { mode: 'off' },
        source: 'default',
        nextRunAt: null,
      });
    } finally {
      await school.close();
    }
    const fourth = join(root, 'HKEAA');
    await initNode({ dataDir: fourth, party: 'HKEAA', nodeRole: 'agency', hubUrls: ['http://127.0.0.1:1'] });
    const agency = await openNodeServices(fourth);
    try {
      expect((await showTransmissionSchedule(agency)).schedule).toEqual({
        mode: 'interval',
        intervalSeconds: 60,
      });
    } finally {
      await agency.close();
    }
  });

  it('refuses a bad schedule with its reason and keeps the one stored', async () => {
    await setSchedule(nodes.school, { mode: 'daily', times: ['08:00'], weekdays: ['mon', 'fri'] });
    await expect(
      setTransmissionSchedule(nodes.school, {
        schedule: { mode: 'interval', intervalSeconds: 60 },
        actor: 'test',
      }),
    ).rejects.toMatchObject({ code: 'schedule.interval_agency_only' });
    await expect(
      setTransmissionSchedule(nodes.school, {
        schedule: { mode: 'daily', times: ['25:00'], weekdays: ['mon'] },
        actor: 'test',
      }),
    ).rejects.toMatchObject({ code: 'schedule.invalid' });
    expect(await showTransmissionSchedule(nodes.school)).toMatchObject({
      schedule: { mode: 'daily', times: ['08:00'], weekdays: ['mon', 'fri'] },
      source: 'set',
      updatedBy: 'test',
    });
  });
});
