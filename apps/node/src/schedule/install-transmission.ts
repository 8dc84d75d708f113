import type { CdsApp } from '@cds/http';
import type { NodeServices } from '../node-services.js';
import { registerLogRoutes } from '../routes/log-routes.js';
import type { RouteGuard } from '../routes/route-guard.js';
import { registerTransmissionRoutes } from '../routes/transmission-routes.js';
import { createCycleRunner, type CycleRunner, type CycleRunnerOptions } from './cycle-runner.js';
import {
  createTransmissionScheduler,
  type TransmissionScheduler,
  type TransmissionSchedulerOptions,
} from './transmission-scheduler.js';

export interface TransmissionInstallOptions {
  readonly runner?: CycleRunnerOptions;
  /** `false` serves the routes without running scheduled cycles (tests of other features). */
  readonly scheduler?: false | Pick<TransmissionSchedulerOptions, 'clock' | 'sleep' | 'pollMs'>;
}

/**
 * The node server's transmission side (SPEC §4): one cycle runner shared by the API and the
 * scheduler, the scheduler itself, and the 傳送 and 聯遞系統紀錄 routes. On shutdown the scheduler
 * stops first, then the server waits for a cycle in flight so its lease is released and its CDS log
 * lines are on disk before the database closes.
 */
export function installTransmission(
  app: CdsApp,
  services: NodeServices,
  guard: RouteGuard,
  options: TransmissionInstallOptions = {},
): { runner: CycleRunner; scheduler: TransmissionScheduler | null } {
  const runner = createCycleRunner(services, options.runner);
  const scheduler =
    options.scheduler === false
      ? null
      : createTransmissionScheduler({ services, runner, logger: app.log, ...options.scheduler });
  registerTransmissionRoutes(app, { services, runner, scheduler, guard });
  registerLogRoutes(app, { services, guard });
  // Only once listening: a server that fails to bind must not leave cycles running on a closed store.
  app.addHook('onListen', (done) => {
    scheduler?.start();
    done();
  });
  app.addHook('onClose', async () => {
    await scheduler?.stop();
    await runner.idle();
  });
  return { runner, scheduler };
}
