import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CdsApp } from '@cds/http';
import type { NodeServices } from '../node-services.js';
import type { CycleRunner, CycleRunView } from '../schedule/cycle-runner.js';
import { transmissionScheduleSchema } from '../schedule/schedule-setting.js';
import { setTransmissionSchedule } from '../schedule/set-transmission-schedule.js';
import { showTransmissionSchedule, type ScheduleView } from '../schedule/show-transmission-schedule.js';
import type { TransmissionScheduler } from '../schedule/transmission-scheduler.js';
import { TRANSMISSION_LEASE } from '../transmission/transmission-lease.js';
import type { RouteGuard } from './route-guard.js';

export interface TransmissionRouteDeps {
  readonly services: NodeServices;
  readonly runner: CycleRunner;
  readonly scheduler: Pick<TransmissionScheduler, 'nextRunAt' | 'reload'> | null;
  readonly guard: RouteGuard;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Times as ISO 8601 UTC, as everywhere a person or a script reads them (SPEC §11). */
function presentRun(run: CycleRunView) {
  return {
    ...run,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    messages: run.messages.map((message) => ({ ...message, at: iso(message.at) })),
    events: run.events.map((event) => ({ ...event, at: iso(event.at) })),
  };
}

function presentSchedule(view: ScheduleView, scheduler: TransmissionRouteDeps['scheduler']) {
  return {
    ...view,
    updatedAt: iso(view.updatedAt),
    // The running scheduler knows the interval mode's next run; the stored schedule alone does not.
    nextRunAt: iso(scheduler?.nextRunAt() ?? view.nextRunAt),
  };
}

const runParams = z.object({ id: z.string().uuid() });
const runQuery = z.object({ after: z.coerce.number().int().min(0).optional() });

/**
 * 傳送 (SPEC §4, right `cds.transmission`): 即時傳送 starts a cycle (202 once it holds the lease, 409
 * `transmission.already_running` with the holder otherwise) and the UI polls its per-message progress;
 * 設定時間輸送 reads and sets the schedule the node's scheduler follows.
 */
export function registerTransmissionRoutes(app: CdsApp, deps: TransmissionRouteDeps): void {
  const { services, runner, scheduler, guard } = deps;
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = guard.require('cds.transmission');

  typed.post('/api/transmissions', { onRequest }, async (request, reply) => {
    const { run } = await runner.start({ trigger: 'adhoc', actor: guard.actor(request) });
    return reply.code(202).send({ run: presentRun(run) });
  });

  typed.get('/api/transmissions', { onRequest }, async () => {
    const running = await services.repos.leases.current(TRANSMISSION_LEASE, services.keys.clock.now());
    return {
      // A cycle from `cds transmit` or another process shows here by its holder, not in `runs`.
      running: running === null ? null : { holder: running.holder, expiresAt: iso(running.expiresAt) },
      runs: runner.list().map(presentRun),
    };
  });

  typed.get(
    '/api/transmissions/:id',
    { onRequest, schema: { params: runParams, querystring: runQuery } },
    (request) => presentRun(runner.get(request.params.id, request.query.after ?? 0)),
  );

  typed.get('/api/schedule', { onRequest }, async () =>
    presentSchedule(await showTransmissionSchedule(services), scheduler),
  );

  typed.put('/api/schedule', { onRequest, schema: { body: transmissionScheduleSchema } }, async (request) => {
    const view = await setTransmissionSchedule(services, {
      schedule: request.body,
      actor: guard.actor(request),
    });
    scheduler?.reload();
    return presentSchedule(view, null);
  });
}
