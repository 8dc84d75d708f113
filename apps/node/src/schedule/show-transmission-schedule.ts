import { nextScheduledRun, type TransmissionSchedule } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { readSchedule } from './schedule-setting.js';

export interface ScheduleView {
  readonly schedule: TransmissionSchedule;
  readonly source: 'default' | 'set';
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
  /**
   * The next daily time from now (UTC ms). Null when off, and for the interval mode, whose next run
   * counts from the previous cycle the running server started.
   */
  readonly nextRunAt: number | null;
}

/** 設定時間輸送, as stored (or the role's default) with the next run it calls for. */
export async function showTransmissionSchedule(services: NodeServices): Promise<ScheduleView> {
  const stored = await readSchedule(services);
  const nextRunAt =
    stored.schedule.mode === 'daily' ? nextScheduledRun(stored.schedule, services.keys.clock.now()) : null;
  return { ...stored, nextRunAt };
}
