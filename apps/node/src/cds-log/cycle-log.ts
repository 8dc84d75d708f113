import type { CdsLogEntry, CdsLogWriter, Clock } from '@cds/domain';
import type { TransmissionEvent } from '../transmission/cycle-context.js';

/** Progress a screen shows while it happens; the log keeps only what each message came to. */
export const PROGRESS_ONLY_OUTCOMES: ReadonlySet<string> = new Set(['queued', 'uploading', 'downloading']);

export interface CycleLog {
  start(trigger: string, actor: string): void;
  event(event: TransmissionEvent): void;
  end(result: 'completed' | 'stopped' | 'failed', code: string | null, totals: Record<string, number>): void;
  /** Waits for every line to be on disk; the first write failure, if any, as an error code. */
  settle(): Promise<string | null>;
}

function totalsText(totals: Record<string, number>): string {
  const parts = Object.entries(totals).map(([key, count]) => `${key}=${count}`);
  return parts.length > 0 ? parts.join(' ') : 'nothing to do';
}

/**
 * The lines one cycle writes to the CDS log (SPEC §4). Lines are queued as events happen and written
 * in batches: while one batch is being synced the next accumulates, so a busy cycle pays for a sync
 * per batch, not per line, and the order is kept. A full disk must not undo a cycle that ran, so a
 * write failure is remembered and reported by `settle`, never thrown into the cycle.
 */
export function createCycleLog(writer: CdsLogWriter, clock: Clock, cycleId: string): CycleLog {
  let pending: CdsLogEntry[] = [];
  let chain: Promise<void> = Promise.resolve();
  let failure: string | null = null;

  function push(entry: Omit<CdsLogEntry, 'at' | 'cycleId'>): void {
    pending.push({ at: clock.now(), cycleId, ...entry });
    chain = chain.then(async () => {
      if (pending.length === 0 || failure !== null) return;
      const batch = pending;
      pending = [];
      try {
        await writer.append(batch);
      } catch (error) {
        failure = (error as NodeJS.ErrnoException).code ?? 'log.write_failed';
      }
    });
  }

  return {
    start(trigger, actor) {
      push({ action: 'start', messageId: null, result: trigger, code: null, detail: `user ${actor}` });
    },
    event(event) {
      if (PROGRESS_ONLY_OUTCOMES.has(event.outcome)) return;
      const detail = [event.party ? `party ${event.party}` : null, event.detail ?? null]
        .filter((part) => part !== null)
        .join('; ');
      push({
        action: event.step,
        messageId: event.messageId,
        result: event.outcome,
        code: event.reason ?? null,
        detail: detail === '' ? null : detail,
      });
    },
    end(result, code, totals) {
      push({ action: 'end', messageId: null, result, code, detail: totalsText(totals) });
    },
    async settle() {
      await chain;
      return failure;
    },
  };
}
