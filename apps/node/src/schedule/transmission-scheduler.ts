import { isAppError, nextScheduledRun, type Clock } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import type { CycleRunner } from './cycle-runner.js';
import { readSchedule } from './schedule-setting.js';

/** The scheduler re-reads its setting at least this often, so `cds schedule set` reaches a running server. */
export const SCHEDULE_POLL_MS = 30_000;

/** The actor of scheduled cycles, in the lease holder and the CDS log. */
export const SCHEDULER_ACTOR = 'scheduler';

export interface SchedulerLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Waits `ms`, or less when `wake` fires; tests substitute one that moves a fake clock instead. */
export type Sleep = (ms: number, wake: AbortSignal) => Promise<void>;

const realSleep: Sleep = (ms, wake) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    wake.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      wake.removeEventListener('abort', done);
      resolve();
    }
  });

export interface TransmissionSchedulerOptions {
  readonly services: NodeServices;
  readonly runner: Pick<CycleRunner, 'start'>;
  readonly logger: SchedulerLogger;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  readonly pollMs?: number;
}

export interface TransmissionScheduler {
  /** Begins following the schedule (the server calls it once it listens). */
  start(): void;
  /** When the next scheduled cycle is due (UTC ms), as of the scheduler's last look; null when off. */
  nextRunAt(): number | null;
  /** Look at the setting again now (it just changed through the API). */
  reload(): void;
  /** No further cycles; resolves once a scheduled cycle in flight has finished. */
  stop(): Promise<void>;
}

/**
 * 設定時間輸送 (SPEC §4), run by the node process: wakes when the stored schedule calls for a cycle
 * and starts it through the cycle runner, so it takes the same lease as `cds transmit` and the API —
 * if one of those holds it, this run is skipped and logged, never queued. It never overlaps itself: the
 * next time is computed only after a cycle has finished, from the moment it started, so a cycle that
 * outlasts its interval (or a daily time) is followed by one catch-up run, not a backlog.
 */
export function createTransmissionScheduler(options: TransmissionSchedulerOptions): TransmissionScheduler {
  const { services, runner, logger } = options;
  const clock = options.clock ?? services.keys.clock;
  const sleep = options.sleep ?? realSleep;
  const pollMs = options.pollMs ?? SCHEDULE_POLL_MS;
  let stopped = false;
  let waker = new AbortController();
  let nextRunAt: number | null = null;
  let waitingForRegistration = false;

  async function runScheduled(): Promise<void> {
    try {
      const { run, finished } = await runner.start({ trigger: 'scheduled', actor: SCHEDULER_ACTOR });
      waitingForRegistration = false;
      const done = await finished;
      logger.info(
        { cycle: run.id, state: done.state, stoppedBy: done.stoppedBy, totals: done.totals },
        'scheduled cycle finished',
      );
    } catch (error) {
      if (isAppError(error) && error.code === 'transmission.already_running') {
        logger.info(
          { holder: error.details['holder'] },
          'scheduled cycle skipped: a cycle is already running',
        );
      } else if (isAppError(error) && error.code === 'registration.not_registered') {
        // Until 系統註冊 nothing but registration is transmitted (SPEC §4); say so once, not every interval.
        if (!waitingForRegistration) logger.info({}, 'scheduled cycles wait until this node is registered');
        waitingForRegistration = true;
      } else if (isAppError(error)) {
        logger.warn({ code: error.code, details: error.details }, 'scheduled cycle could not start');
      } else {
        logger.error({ err: error }, 'scheduled cycle failed');
      }
    }
  }

  async function loop(): Promise<void> {
    let anchor = clock.now();
    let current: string | null = null;
    while (!stopped) {
      let schedule;
      try {
        schedule = (await readSchedule(services)).schedule;
      } catch (error) {
        logger.warn({ code: isAppError(error) ? error.code : 'internal.unexpected' }, 'schedule unreadable');
        await sleep(pollMs, waker.signal);
        continue;
      }
      const key = JSON.stringify(schedule);
      if (key !== current) {
        // A new schedule counts from now: an interval shortened to 10 s waits 10 s, not since the last run.
        if (current !== null) logger.info({ schedule }, 'transmission schedule changed');
        current = key;
        anchor = clock.now();
      }
      nextRunAt = nextScheduledRun(schedule, anchor);
      const now = clock.now();
      if (nextRunAt === null || nextRunAt > now) {
        await sleep(Math.min(nextRunAt === null ? pollMs : nextRunAt - now, pollMs), waker.signal);
        if (waker.signal.aborted) waker = new AbortController();
        continue;
      }
      anchor = now;
      await runScheduled();
    }
  }

  let running: Promise<void> = Promise.resolve();

  return {
    start() {
      running = loop().catch((error: unknown) => logger.error({ err: error }, 'scheduler stopped'));
    },
    nextRunAt: () => nextRunAt,
    reload() {
      waker.abort();
    },
    async stop() {
      stopped = true;
      waker.abort();
      await running;
    },
  };
}
