import { AppError, isAppError } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import type { RetryPolicy, TransmissionEvent } from '../transmission/cycle-context.js';
import {
  runTransmissionCycle,
  type CycleTrigger,
  type RunTransmissionCycleOptions,
} from '../use-cases/run-transmission-cycle.js';

/** Runs a server remembers for the API; older ones are only in the CDS log. */
const KEEP_RUNS = 20;
/** Events kept per run; a huge cycle keeps its per-message states and totals, not every line. */
const KEEP_EVENTS = 10_000;

export type CycleRunState = 'running' | 'completed' | 'stopped' | 'failed';

export interface CycleRunEvent extends TransmissionEvent {
  readonly seq: number;
  readonly at: number;
}

/** Where one message stands in the cycle: queued, uploading, SENT, SEND_FAIL, ENCRYPTED… */
export interface MessageProgress {
  readonly messageId: string;
  readonly step: TransmissionEvent['step'];
  readonly state: string;
  readonly party: string | null;
  readonly reason: string | null;
  readonly at: number;
}

export interface CycleRunView {
  readonly id: string;
  readonly trigger: CycleTrigger;
  readonly actor: string;
  readonly holder: string;
  readonly state: CycleRunState;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  /** The fault that cut the cycle short, or the error that ended it (state failed). */
  readonly stoppedBy: string | null;
  readonly totals: Readonly<Record<string, number>>;
  readonly messages: readonly MessageProgress[];
  readonly events: readonly CycleRunEvent[];
  /** Events left out of `events` because the run had more than this server keeps. */
  readonly eventsDropped: number;
}

export interface CycleRunner {
  /**
   * Starts a cycle and resolves once it holds the lease, so a caller learns at once whether it runs
   * (`transmission.already_running` with the holder, `registration.not_registered`) — then the cycle
   * goes on in the background until `finished`.
   */
  start(request: { trigger: CycleTrigger; actor: string }): Promise<{
    run: CycleRunView;
    finished: Promise<CycleRunView>;
  }>;
  /** A run this server started; `after` leaves out the events up to that sequence number. */
  get(id: string, after?: number): CycleRunView;
  /** The runs this server remembers, newest first, without their events. */
  list(): CycleRunView[];
  /** Waits for the cycles in flight (graceful shutdown). */
  idle(): Promise<void>;
}

interface RunRecord {
  view: Omit<CycleRunView, 'messages' | 'events' | 'eventsDropped'>;
  readonly messages: Map<string, MessageProgress>;
  readonly events: CycleRunEvent[];
  dropped: number;
}

function viewOf(record: RunRecord, after = 0, withEvents = true): CycleRunView {
  return {
    ...record.view,
    messages: [...record.messages.values()],
    events: withEvents ? record.events.filter((event) => event.seq > after) : [],
    eventsDropped: record.dropped,
  };
}

export interface CycleRunnerOptions {
  readonly retry?: Partial<RetryPolicy>;
  /** Tests pass their hub client and lease ttl through here. */
  readonly cycle?: Pick<RunTransmissionCycleOptions, 'client' | 'leaseTtlMs' | 'log'>;
}

/**
 * The node server's way to run cycles (即時傳送 from the API, 設定時間輸送 from the scheduler): the
 * same use case as `cds transmit`, so the same lease keeps it to one cycle per node across processes,
 * plus per-message progress kept in memory for the web UI to poll.
 */
export function createCycleRunner(services: NodeServices, options: CycleRunnerOptions = {}): CycleRunner {
  const runs = new Map<string, RunRecord>();
  const inFlight = new Set<Promise<unknown>>();
  const clock = services.keys.clock;

  function remember(id: string, record: RunRecord): void {
    runs.set(id, record);
    for (const old of runs.keys()) {
      if (runs.size <= KEEP_RUNS) break;
      if (runs.get(old)?.view.state !== 'running') runs.delete(old);
    }
  }

  return {
    async start({ trigger, actor }) {
      const id = services.keys.ids.next();
      let record: RunRecord | null = null;
      let seq = 0;
      let started!: (view: CycleRunView) => void;
      let refused!: (error: unknown) => void;
      const whenStarted = new Promise<CycleRunView>((resolve, reject) => {
        started = resolve;
        refused = reject;
      });
      const cycle = runTransmissionCycle(services, {
        ...options.cycle,
        actor,
        trigger,
        cycleId: id,
        ...(options.retry ? { retry: options.retry } : {}),
        onStarted: ({ holder, startedAt }) => {
          record = {
            view: {
              id,
              trigger,
              actor,
              holder,
              state: 'running',
              startedAt,
              finishedAt: null,
              stoppedBy: null,
              totals: {},
            },
            messages: new Map(),
            events: [],
            dropped: 0,
          };
          remember(id, record);
          started(viewOf(record));
        },
        onProgress: (event) => {
          if (!record) return;
          const at = clock.now();
          record.events.push({ ...event, seq: ++seq, at });
          if (record.events.length > KEEP_EVENTS) {
            record.events.shift();
            record.dropped += 1;
          }
          if (event.messageId !== null) {
            record.messages.set(event.messageId, {
              messageId: event.messageId,
              step: event.step,
              state: event.outcome,
              party: event.party ?? record.messages.get(event.messageId)?.party ?? null,
              reason: event.reason ?? null,
              at,
            });
          }
        },
      });
      const finished = cycle.then(
        (report) => {
          const done = record as RunRecord;
          done.view = {
            ...done.view,
            state: report.stoppedBy ? 'stopped' : 'completed',
            finishedAt: report.finishedAt,
            stoppedBy: report.stoppedBy,
            totals: report.totals,
          };
          return viewOf(done);
        },
        (error: unknown) => {
          if (!record) {
            refused(error);
            return null;
          }
          record.view = {
            ...record.view,
            state: 'failed',
            finishedAt: clock.now(),
            stoppedBy: isAppError(error) ? error.code : 'internal.unexpected',
          };
          return viewOf(record);
        },
      );
      const tracked = finished.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      const run = await whenStarted;
      return { run, finished: finished as Promise<CycleRunView> };
    },

    get(id, after = 0) {
      const record = runs.get(id);
      if (!record) throw new AppError('transmission.run_not_found', { id });
      return viewOf(record, after);
    },

    list() {
      return [...runs.values()].reverse().map((record) => viewOf(record, 0, false));
    },

    async idle() {
      await Promise.all([...inFlight]);
    },
  };
}
