import { z } from 'zod';
import { AppError, WEEKDAYS, type TransmissionSchedule } from '@cds/domain';
import type { NodeServices } from '../node-services.js';

/** The settings row holding the node's 設定時間輸送. */
export const SCHEDULE_SETTING = 'transmission.schedule';

/** Agencies receive schools' messages all day; without a stored schedule they cycle every minute. */
export const DEFAULT_AGENCY_INTERVAL_SECONDS = 60;

/**
 * A schedule as it crosses a boundary (HTTP body, settings row). The shape only: the rules (HH:mm,
 * interval bounds, interval for agencies only) are the domain's `normaliseSchedule`.
 */
export const transmissionScheduleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('off') }).strict(),
  z
    .object({
      mode: z.literal('daily'),
      times: z.array(z.string().max(5)).min(1).max(48),
      weekdays: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    })
    .strict(),
  z.object({ mode: z.literal('interval'), intervalSeconds: z.number().int() }).strict(),
]);

const storedSchema = z.object({
  format: z.literal('cds-schedule/1'),
  schedule: transmissionScheduleSchema,
  updatedAt: z.number().int(),
  updatedBy: z.string(),
});

export interface StoredSchedule {
  readonly schedule: TransmissionSchedule;
  /** `default` until someone sets one: schools off (SPEC §4 leaves the times to the school), agencies interval. */
  readonly source: 'default' | 'set';
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

export function defaultSchedule(nodeRole: 'school' | 'agency'): TransmissionSchedule {
  return nodeRole === 'agency'
    ? { mode: 'interval', intervalSeconds: DEFAULT_AGENCY_INTERVAL_SECONDS }
    : { mode: 'off' };
}

export async function readSchedule(services: NodeServices): Promise<StoredSchedule> {
  const raw = await services.repos.settings.get(SCHEDULE_SETTING);
  if (raw === null) {
    return {
      schedule: defaultSchedule(services.config.nodeRole),
      source: 'default',
      updatedAt: null,
      updatedBy: null,
    };
  }
  let parsed: z.infer<typeof storedSchema>;
  try {
    parsed = storedSchema.parse(JSON.parse(raw));
  } catch {
    throw new AppError('config.invalid', {
      detail: `setting ${SCHEDULE_SETTING} is not a schedule; set it again`,
    });
  }
  return {
    schedule: parsed.schedule,
    source: 'set',
    updatedAt: parsed.updatedAt,
    updatedBy: parsed.updatedBy,
  };
}

export async function writeSchedule(
  services: NodeServices,
  schedule: TransmissionSchedule,
  actor: string,
): Promise<StoredSchedule> {
  const updatedAt = services.keys.clock.now();
  const value = { format: 'cds-schedule/1', schedule, updatedAt, updatedBy: actor };
  await services.repos.settings.set(SCHEDULE_SETTING, JSON.stringify(value));
  return { schedule, source: 'set', updatedAt, updatedBy: actor };
}
