import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdsLogFileName, hongKongDate, isAppError, parseCdsLogLine } from '@cds/domain';
import { buildBaseApp } from '@cds/http';
import { createLogger } from '@cds/platform';
import {
  createCycleRunner,
  installTransmission,
  createTransmissionScheduler,
  listMessages,
  runTransmissionCycle,
  setTransmissionSchedule,
  showTransmissionSchedule,
  type CycleReport,
  type RouteGuard,
  type SchedulerLogger,
  type Sleep,
} from '@cds/node';
import { runCliFast as runCli } from './testing/cli-harness.js';
import { createCycleWorld, type CycleWorld } from './testing/cycle-world.js';

const SCHOOL = '123456';
const EDB = 'EDB';

let world: CycleWorld;
/** Delivered to EDB by the first test; the school's next cycle fetches its delivery receipt. */
let delivered = '';
beforeAll(async () => {
  world = await createCycleWorld([
    [SCHOOL, 'school'],
    [EDB, 'agency'],
  ]);
}, 60_000);
afterAll(async () => world?.close());

async function logLines(party: string) {
  const file = join(world.dataDir(party), 'logs', cdsLogFileName(hongKongDate(Date.now())));
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => parseCdsLogLine(line));
}

describe('a scheduled cycle and 即時傳送 share one lease', () => {
  it('started together, they run one cycle: the other is told a cycle is already running', async () => {
    const id = await world.send(SCHOOL, EDB);
    delivered = id;
    await runTransmissionCycle(world.node(SCHOOL), { actor: 'test', retry: { baseDelayMs: 20 } });
    const edb = world.node(EDB);
    await setTransmissionSchedule(edb, {
      schedule: { mode: 'interval', intervalSeconds: 10 },
      actor: 'test',
    });
    const startsBefore = (await logLines(EDB)).filter((entry) => entry?.action === 'start').length;

    // Both triggers wait for `go`; the scheduler's first wait then jumps its clock past the interval.
    let go!: () => void;
    const released = new Promise<void>((resolve) => (go = resolve));
    let warp = 0;
    let sleeps = 0;
    const sleep: Sleep = (ms, wake) => {
      sleeps += 1;
      if (sleeps === 1) return released.then(() => void (warp += ms));
      return new Promise((resolve) => wake.addEventListener('abort', () => resolve(), { once: true }));
    };
    const said: string[] = [];
    let scheduledDone!: () => void;
    const scheduledTried = new Promise<void>((resolve) => (scheduledDone = resolve));
    const logger: SchedulerLogger = {
      info: (_fields, message) => {
        said.push(message);
        if (message.startsWith('scheduled cycle')) scheduledDone();
      },
      warn: (_fields, message) => said.push(`warn ${message}`),
      error: (_fields, message) => said.push(`error ${message}`),
    };
    // Whichever wins holds the lease a moment (its first hub request waits), so the other surely meets it.
    const runner = createCycleRunner(edb, {
      retry: { baseDelayMs: 20 },
      cycle: { client: await world.slowClient(EDB, 300) },
    });
    const scheduler = createTransmissionScheduler({
      services: edb,
      runner,
      logger,
      clock: { now: () => Date.now() + warp },
      sleep,
    });
    scheduler.start();
    const adhocClient = await world.slowClient(EDB, 300);
    const adhoc = released.then(() =>
      runTransmissionCycle(edb, { actor: 'cli:operator', client: adhocClient, retry: { baseDelayMs: 20 } }),
    );
    go();
    const [outcome] = await Promise.allSettled([adhoc]);
    await scheduledTried;
    await scheduler.stop();
    await runner.idle();

    const starts = (await logLines(EDB)).filter((entry) => entry?.action === 'start');
    expect(starts).toHaveLength(startsBefore + 1);
    if (outcome.status === 'fulfilled') {
      expect(said).toContain('scheduled cycle skipped: a cycle is already running');
      expect(starts.at(-1)).toMatchObject({ result: 'adhoc', detail: 'user cli:operator' });
    } else {
      const error: unknown = outcome.reason;
      expect(isAppError(error) && error.code).toBe('transmission.already_running');
      expect(isAppError(error) && String(error.details['holder'])).toMatch(/^scheduler pid /);
      expect(said).toContain('scheduled cycle finished');
      expect(starts.at(-1)).toMatchObject({ result: 'scheduled', detail: 'user scheduler' });
    }
    const incoming = await listMessages(edb, { box: 'incoming' });
    expect(incoming.filter((message) => message.id === id)).toHaveLength(1);
  }, 30_000);
});

describe('聯遞系統紀錄: what a cycle writes', () => {
  it("one line per message outcome between the cycle's start and end, with its totals; no progress noise", async () => {
    expect(delivered).not.toBe('');
    const first = await world.send(SCHOOL, EDB, 'first');
    const second = await world.send(SCHOOL, EDB, 'second');
    const report: CycleReport = await runTransmissionCycle(world.node(SCHOOL), {
      actor: 'cli:head',
      retry: { baseDelayMs: 20 },
    });
    expect(report.logError).toBeNull();
    const lines = (await logLines(SCHOOL)).filter((entry) => entry?.cycleId === report.cycleId);
    expect(lines.map((entry) => [entry?.action, entry?.messageId, entry?.result])).toEqual([
      ['start', null, 'adhoc'],
      ['directory', null, 'refreshed'],
      ['upload', first, 'SENT'],
      ['upload', second, 'SENT'],
      ['receipt', delivered, 'RECEIVED'],
      ['end', null, 'completed'],
    ]);
    expect(lines[0]?.detail).toBe('user cli:head');
    expect(lines.at(-1)?.detail).toBe('directory:refreshed=1 upload:SENT=2 receipt:RECEIVED=1');
    for (const entry of lines) {
      expect(entry?.at).toBeGreaterThanOrEqual(report.startedAt);
      expect(entry?.at).toBeLessThanOrEqual(report.finishedAt);
    }
  });
});

describe('傳送 and 聯遞系統紀錄 over the node API (loopback HTTP)', () => {
  it('即時傳送 answers 202 at once, shows per-message progress, refuses a second start; the log is listed, shown, searched, downloaded', async () => {
    const school = world.node(SCHOOL);
    const rightsAsked = new Set<string>();
    const guard: RouteGuard = {
      require: (right) => {
        rightsAsked.add(right);
        return () => Promise.resolve();
      },
      actor: () => 'web:head',
    };
    const app = await buildBaseApp({
      role: 'node',
      party: SCHOOL,
      version: 'test',
      logger: createLogger({ role: 'node', party: SCHOOL }, { level: 'silent' }),
      readiness: () => Promise.resolve(),
    });
    installTransmission(app, school, guard, {
      scheduler: false,
      // The cycle's first hub request waits, so the second start surely finds it running.
      runner: { retry: { baseDelayMs: 20 }, cycle: { client: await world.slowClient(SCHOOL, 400) } },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        text,
        json: () => JSON.parse(text),
      };
    };
    try {
      expect([...rightsAsked].sort()).toEqual(['cds.log', 'cds.transmission']);
      const one = await world.send(SCHOOL, EDB, 'api one');
      const ids = [one, await world.send(SCHOOL, EDB, 'api two')];

      const started = await call('POST', '/api/transmissions');
      expect(started.status).toBe(202);
      const run = started.json().run;
      expect(run).toMatchObject({ trigger: 'adhoc', actor: 'web:head', state: 'running', finishedAt: null });
      const second = await call('POST', '/api/transmissions');
      expect(second.status).toBe(409);
      expect(second.json().error.code).toBe('transmission.already_running');
      expect(second.json().error.details.holder).toMatch(/^web:head pid /);
      const listed = (await call('GET', '/api/transmissions')).json();
      expect(listed.running.holder).toBe(run.holder);

      let view = (await call('GET', `/api/transmissions/${run.id}`)).json();
      for (let i = 0; view.state === 'running' && i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        view = (await call('GET', `/api/transmissions/${run.id}`)).json();
      }
      expect(view).toMatchObject({ state: 'completed', stoppedBy: null, totals: { 'upload:SENT': 2 } });
      expect(view.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
      for (const id of ids) {
        expect(view.messages.find((m: { messageId: string }) => m.messageId === id)).toMatchObject({
          step: 'upload',
          state: 'SENT',
        });
        expect(
          view.events
            .filter((e: { messageId: string }) => e.messageId === id)
            .map((e: { outcome: string }) => e.outcome),
        ).toEqual(['queued', 'uploading', 'SENT']);
      }
      const lastSeq = view.events.at(-1).seq;
      expect((await call('GET', `/api/transmissions/${run.id}?after=${lastSeq}`)).json().events).toEqual([]);
      expect((await call('GET', '/api/transmissions/01a20000-0000-7000-8000-000000000000')).status).toBe(404);
      expect((await call('GET', '/api/transmissions')).json()).toMatchObject({
        running: null,
        runs: [{ id: run.id }],
      });

      const today = hongKongDate(Date.now());
      const days = (await call('GET', '/api/logs')).json().days;
      expect(days[0]).toMatchObject({ date: today, file: cdsLogFileName(today) });
      const shown = (await call('GET', `/api/logs/${today}`)).json();
      const ofRun = shown.lines.filter((l: { entry: { cycleId: string } }) => l.entry?.cycleId === run.id);
      expect(ofRun[0].entry).toMatchObject({ action: 'start', result: 'adhoc', detail: 'user web:head' });
      expect(ofRun.at(-1).entry).toMatchObject({ action: 'end', result: 'completed' });
      expect(ofRun.some((l: { text: string }) => /\tqueued\t|\tuploading\t/.test(l.text))).toBe(false);
      const found = (await call('GET', `/api/logs/search?text=${one.toUpperCase()}`)).json();
      expect(found).toMatchObject({
        truncated: false,
        matches: [{ date: today, entry: { messageId: one, result: 'SENT' } }],
      });
      const download = await call('GET', `/api/logs/${today}/download`);
      expect(download.headers.get('content-disposition')).toContain(`filename="${cdsLogFileName(today)}"`);
      expect(download.text).toBe(
        await readFile(join(world.dataDir(SCHOOL), 'logs', cdsLogFileName(today)), 'utf8'),
      );
      expect((await call('GET', '/api/logs/2026-02-30')).json().error.code).toBe('log.invalid_date');
      const missing = await call('GET', '/api/logs/2001-01-01');
      expect([missing.status, missing.json().error.code]).toEqual([404, 'log.not_found']);

      const refused = await call('PUT', '/api/schedule', { mode: 'interval', intervalSeconds: 30 });
      expect([refused.status, refused.json().error.code]).toEqual([400, 'schedule.interval_agency_only']);
      const set = await call('PUT', '/api/schedule', {
        mode: 'daily',
        times: ['16:30', '08:00'],
        weekdays: ['mon', 'fri'],
      });
      expect(set.status).toBe(200);
      expect((await call('GET', '/api/schedule')).json()).toMatchObject({
        schedule: { mode: 'daily', times: ['08:00', '16:30'], weekdays: ['mon', 'fri'] },
        source: 'set',
        updatedBy: 'web:head',
        nextRunAt: expect.stringMatching(/T(00:00|08:30):00\.000Z$/),
      });
    } finally {
      await app.close();
    }
  }, 30_000);
});

describe('cds schedule and cds log', () => {
  it('set the schedule, list, show and search the CDS log; a bad schedule is refused with its code', async () => {
    expect(delivered).not.toBe('');
    const env = { CDS_DATA_DIR: world.root };
    const today = hongKongDate(Date.now());
    // One process per command, side by side: each `cds` start is a second or more on a loaded machine.
    const [refused, daily, listed, shown, found] = await Promise.all([
      runCli(['schedule', 'set', '--node', SCHOOL, '--interval', '10'], env),
      runCli(
        ['--json', 'schedule', 'set', '--node', EDB, '--times', '16:30,08:00', '--weekdays', 'mon-fri'],
        env,
      ),
      runCli(['--json', 'log', 'list', '--node', SCHOOL], env),
      runCli(['log', 'show', today, '--node', SCHOOL], env),
      runCli(['--json', 'log', 'search', delivered, '--node', EDB, '--from', today, '--to', today], env),
    ]);
    expect([refused.code, refused.stderr]).toEqual([
      2,
      expect.stringMatching(/^error schedule\.interval_agency_only: /),
    ]);
    expect(daily.code, daily.stderr).toBe(0);
    expect(JSON.parse(daily.stdout)).toMatchObject({
      schedule: { mode: 'daily', times: ['08:00', '16:30'], weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      source: 'set',
      updatedBy: expect.stringMatching(/^cli:/),
      nextRunAt: expect.stringMatching(/T(00:00|08:30):00\.000Z$/),
    });
    expect(await showTransmissionSchedule(world.node(SCHOOL))).toMatchObject({
      source: 'set',
      schedule: { mode: 'daily' },
    });

    expect(JSON.parse(listed.stdout)).toEqual([
      { date: today, file: cdsLogFileName(today), size: expect.any(Number) },
    ]);
    const text = await readFile(join(world.dataDir(SCHOOL), 'logs', cdsLogFileName(today)), 'utf8');
    expect(`${shown.stdout}`).toBe(text);
    // At EDB the delivered message was downloaded once: one line, with its sender.
    expect(JSON.parse(found.stdout)).toEqual([
      {
        date: today,
        line: expect.any(Number),
        text: expect.stringContaining(delivered),
        entry: expect.objectContaining({
          action: 'download',
          messageId: delivered,
          result: 'ENCRYPTED',
          detail: `party ${SCHOOL}`,
        }),
      },
    ]);
  }, 90_000);
});
