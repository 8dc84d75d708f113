/**
 * 設定時間輸送 (SPEC §4): when a node's scheduled transmission cycles run. Schools pick daily times on
 * chosen weekdays in Hong Kong time; agencies may instead cycle at a fixed interval. Pure rules only:
 * the node stores a schedule as a setting and its scheduler asks `nextScheduledRun` when to wake.
 */
import { AppError } from './errors.js';
import type { ErrorReason } from './error-reasons.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type TransmissionSchedule =
  | { readonly mode: 'off' }
  | {
      readonly mode: 'daily';
      /** `HH:mm`, Hong Kong time, ascending and distinct. */
      readonly times: readonly string[];
      /** In week order, distinct. */
      readonly weekdays: readonly Weekday[];
    }
  | { readonly mode: 'interval'; readonly intervalSeconds: number };

export type ScheduleMode = TransmissionSchedule['mode'];

/** A cycle is a directory refresh plus hub round trips: more often than this only loads the hub. */
export const MIN_INTERVAL_SECONDS = 10;
export const MAX_INTERVAL_SECONDS = 86_400;
export const MAX_DAILY_TIMES = 48;

/** Hong Kong has kept UTC+8 without daylight saving since 1979, so the offset is a constant. */
const HK_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

function invalid(reason: ErrorReason, details: Record<string, string | number> = {}): AppError {
  return new AppError('schedule.invalid', { reason, ...details });
}

/** Minutes after midnight of an `HH:mm` time; `8:00` or `24:00` are refused, not guessed. */
export function minutesOfDay(time: string): number {
  const match = TIME_OF_DAY.exec(time);
  if (!match) throw invalid('schedule.bad_time', { time });
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Weekdays as typed on the command line: `mon-fri`, `mon,wed,fri`, `sat-sun`, `daily`. A range runs
 * forward within one week (`fri-mon` is refused rather than read as wrapping).
 */
export function parseWeekdays(text: string): Weekday[] {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'daily' || trimmed === 'all') return [...WEEKDAYS];
  const chosen = new Set<number>();
  for (const part of trimmed.split(',')) {
    const [from, to, extra] = part.trim().split('-');
    const start = WEEKDAYS.indexOf(from as Weekday);
    const end = to === undefined ? start : WEEKDAYS.indexOf(to as Weekday);
    if (extra !== undefined || start < 0 || end < 0) {
      throw invalid('schedule.bad_weekdays', { text });
    }
    if (end < start) throw invalid('schedule.weekdays_backwards', { part: part.trim() });
    for (let day = start; day <= end; day++) chosen.add(day);
  }
  return WEEKDAYS.filter((_, index) => chosen.has(index));
}

/**
 * The schedule as it will be stored: times sorted and distinct, weekdays in week order, and the
 * interval mode only for agencies (SPEC §4 offers it to them alone).
 */
export function normaliseSchedule(
  schedule: TransmissionSchedule,
  nodeRole: 'school' | 'agency',
): TransmissionSchedule {
  switch (schedule.mode) {
    case 'off':
      return { mode: 'off' };
    case 'daily': {
      if (schedule.times.length === 0) throw invalid('schedule.no_time');
      const minutes = [...new Set(schedule.times.map(minutesOfDay))].sort((a, b) => a - b);
      if (minutes.length > MAX_DAILY_TIMES)
        throw invalid('schedule.too_many_times', { max: MAX_DAILY_TIMES });
      const days = new Set(schedule.weekdays);
      for (const day of days)
        if (!WEEKDAYS.includes(day)) throw invalid('schedule.unknown_weekday', { day: String(day) });
      if (days.size === 0) throw invalid('schedule.no_weekday');
      return {
        mode: 'daily',
        times: minutes.map(
          (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
        ),
        weekdays: WEEKDAYS.filter((day) => days.has(day)),
      };
    }
    case 'interval': {
      if (nodeRole !== 'agency') throw new AppError('schedule.interval_agency_only', {});
      const seconds = schedule.intervalSeconds;
      if (
        !Number.isSafeInteger(seconds) ||
        seconds < MIN_INTERVAL_SECONDS ||
        seconds > MAX_INTERVAL_SECONDS
      ) {
        throw invalid('schedule.bad_interval', {
          seconds: String(seconds),
          min: MIN_INTERVAL_SECONDS,
          max: MAX_INTERVAL_SECONDS,
        });
      }
      return { mode: 'interval', intervalSeconds: seconds };
    }
  }
}

/** Monday is 0; 1970-01-01 (epoch day 0) was a Thursday. */
function weekdayOfDay(epochDay: number): Weekday {
  return WEEKDAYS[(((epochDay + 3) % 7) + 7) % 7] as Weekday;
}

/**
 * The first instant strictly after `after` (UTC ms) at which the schedule calls for a cycle, or null
 * when it never does. For the interval mode `after` is the start of the previous cycle.
 */
export function nextScheduledRun(schedule: TransmissionSchedule, after: number): number | null {
  switch (schedule.mode) {
    case 'off':
      return null;
    case 'interval':
      return after + schedule.intervalSeconds * 1000;
    case 'daily': {
      const minutes = schedule.times.map(minutesOfDay).sort((a, b) => a - b);
      const firstDay = Math.floor((after + HK_OFFSET_MS) / DAY_MS);
      // Eight days: today's remaining times, then a whole week, always reaches a chosen weekday.
      for (let day = firstDay; day <= firstDay + 7; day++) {
        if (!schedule.weekdays.includes(weekdayOfDay(day))) continue;
        for (const minute of minutes) {
          const at = day * DAY_MS + minute * 60_000 - HK_OFFSET_MS;
          if (at > after) return at;
        }
      }
      return null;
    }
  }
}
