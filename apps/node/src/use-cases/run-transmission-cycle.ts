import { AppError, isAppError, type CdsLogWriter } from '@cds/domain';
import { faultPoint } from '@cds/platform';
import { createCycleLog, PROGRESS_ONLY_OUTCOMES } from '../cds-log/cycle-log.js';
import { createFsCdsLog } from '../cds-log/fs-cds-log.js';
import type { HubClient } from '../hub-client.js';
import { hubClientFor } from '../node-hub-client.js';
import type { NodeServices } from '../node-services.js';
import { collectReceipts } from '../transmission/collect-receipts.js';
import {
  DEFAULT_RETRY_POLICY,
  type CycleContext,
  type RetryPolicy,
  type TransmissionEvent,
} from '../transmission/cycle-context.js';
import { retrying } from '../transmission/faults.js';
import { receiveMailbox } from '../transmission/receive-mailbox.js';
import { takeTransmissionLease } from '../transmission/transmission-lease.js';
import { publishOwnState, publishRotation } from '../transmission/publish-own-state.js';
import { recoverFailed, uploadQueued } from '../transmission/upload-messages.js';
import { pinnedHubKey } from './hub-trust.js';
import { refreshDirectory } from './refresh-directory.js';
import { registrationState } from './register-node.js';
import { readHubConnection } from '../settings/hub-connection-setting.js';

/** 即時傳送 (a user, the CLI or the API) or 設定時間輸送 (the node's scheduler). */
export type CycleTrigger = 'adhoc' | 'scheduled';

export interface RunTransmissionCycleOptions {
  /** Who started the cycle (a user, the scheduler); recorded in the lease holder and the CDS log. */
  readonly actor: string;
  readonly trigger?: CycleTrigger;
  /** The cycle's id in the CDS log and the API; a new UUIDv7 unless the caller chose one. */
  readonly cycleId?: string;
  /** Called once the cycle holds the lease, before any step runs. */
  readonly onStarted?: (started: { cycleId: string; holder: string; startedAt: number }) => void;
  /** Where the CDS log goes (SPEC §4); the data directory's logs/ by default. */
  readonly log?: CdsLogWriter;
  readonly retry?: Partial<RetryPolicy>;
  readonly leaseTtlMs?: number;
  /** Per-message progress, as it happens. */
  readonly onProgress?: (event: TransmissionEvent) => void;
  /** Tests may supply their own client; normally one is built from the node's transport key. */
  readonly client?: HubClient;
}

export interface CycleReport {
  readonly cycleId: string;
  readonly trigger: CycleTrigger;
  readonly holder: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** The fault that cut the cycle short (hub unreachable, clock refused…); its messages are SEND_FAIL. */
  readonly stoppedBy: string | null;
  readonly events: readonly TransmissionEvent[];
  /** Events counted by `step:outcome`, retries left out. */
  readonly totals: Readonly<Record<string, number>>;
  /** Why the CDS log could not be written (a disk fault), when it could not; the cycle still ran. */
  readonly logError: string | null;
}

async function runSteps(context: CycleContext): Promise<AppError | null> {
  let stop: AppError | null = null;
  await publishRotation(context);
  try {
    const added = await retrying(context, null, 'directory', () =>
      refreshDirectory(context.services, context.client),
    );
    context.report({
      step: 'directory',
      messageId: null,
      outcome: 'refreshed',
      detail: `${added} new entries`,
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    context.report({ step: 'directory', messageId: null, outcome: 'failed', reason: error.code });
    stop = error;
  }
  if (!stop) await publishOwnState(context);
  stop = await uploadQueued(context, stop);
  stop = await recoverFailed(context, stop);
  if (stop) return stop;
  faultPoint('node.cycle.mid');
  stop = await receiveMailbox(context);
  if (stop) return stop;
  try {
    await collectReceipts(context);
  } catch (error) {
    if (!isAppError(error) || error.code === 'transmission.lease_lost') throw error;
    context.report({ step: 'receipt', messageId: null, outcome: 'failed', reason: error.code });
    return error;
  }
  return null;
}

/**
 * 即時傳送: one transmission cycle (SPEC §4) — refresh the directory, upload the queue, recover
 * SEND_FAIL messages, download the mailbox and answer it, fetch receipts. One cycle per node at a
 * time (the transmission lease). The cycle "runs" even when the hub cannot be reached: the report
 * says what stopped it, and the messages it could not send are SEND_FAIL with that reason. No
 * database transaction is held across a request or a file transfer: every write is its own.
 */
export async function runTransmissionCycle(
  services: NodeServices,
  options: RunTransmissionCycleOptions,
): Promise<CycleReport> {
  const party = services.config.party;
  const hubKey = await pinnedHubKey(services);
  if (!hubKey || !(await registrationState(services)))
    throw new AppError('registration.not_registered', { party });
  const client = options.client ?? (await hubClientFor(services));
  const lease = await takeTransmissionLease(services, options.actor, options.leaseTtlMs);
  const cycleId = options.cycleId ?? services.keys.ids.next();
  const trigger = options.trigger ?? 'adhoc';
  const startedAt = services.keys.clock.now();
  const log = createCycleLog(
    options.log ?? createFsCdsLog(services.layout.logs),
    services.keys.clock,
    cycleId,
  );
  log.start(trigger, options.actor);
  const events: TransmissionEvent[] = [];
  const context: CycleContext = {
    services,
    client,
    hubKey,
    // The policy saved in 設定, unless the caller (cds transmit --retries) chose one.
    retry: { ...DEFAULT_RETRY_POLICY, ...(await readHubConnection(services)).retry, ...options.retry },
    report(event) {
      events.push(event);
      log.event(event);
      options.onProgress?.(event);
    },
    checkLease: () => lease.check(),
  };
  const totals: Record<string, number> = {};
  const count = (): void => {
    for (const event of events) {
      if (event.outcome === 'retrying' || PROGRESS_ONLY_OUTCOMES.has(event.outcome)) continue;
      const key = `${event.step}:${event.outcome}`;
      totals[key] = (totals[key] ?? 0) + 1;
    }
  };
  let stop: AppError | null;
  try {
    options.onStarted?.({ cycleId, holder: lease.holder, startedAt });
    stop = await runSteps(context);
  } catch (error) {
    count();
    log.end('failed', isAppError(error) ? error.code : 'internal.unexpected', totals);
    await log.settle();
    throw error;
  } finally {
    await lease.release();
  }
  count();
  log.end(stop ? 'stopped' : 'completed', stop?.code ?? null, totals);
  return {
    cycleId,
    trigger,
    holder: lease.holder,
    startedAt,
    finishedAt: services.keys.clock.now(),
    stoppedBy: stop?.code ?? null,
    events,
    totals,
    logError: await log.settle(),
  };
}
