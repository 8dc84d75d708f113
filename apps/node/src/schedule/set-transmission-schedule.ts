import { normaliseSchedule, type TransmissionSchedule } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { writeSchedule } from './schedule-setting.js';
import { showTransmissionSchedule, type ScheduleView } from './show-transmission-schedule.js';

export interface SetTransmissionScheduleInput {
  readonly schedule: TransmissionSchedule;
  /** Who changed it (a user, `cli:<login>`); kept with the setting. */
  readonly actor: string;
}

/**
 * 設定時間輸送: validates the schedule against the domain rules (a bad one changes nothing) and stores
 * it. A running server's scheduler picks it up on its next look at the settings (at once when the
 * change came through its own API).
 */
export async function setTransmissionSchedule(
  services: NodeServices,
  input: SetTransmissionScheduleInput,
): Promise<ScheduleView> {
  const schedule = normaliseSchedule(input.schedule, services.config.nodeRole);
  await writeSchedule(services, schedule, input.actor);
  return showTransmissionSchedule(services);
}
