import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { latinProse } from './latin-prose.js';
import {
  nextScheduledRun,
  normaliseSchedule,
  parseWeekdays,
  type TransmissionSchedule,
  type Weekday,
} from './schedule.js';

const hk = (local: string): number => Date.parse(`${local}+08:00`);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const SCHOOL_DAYS: TransmissionSchedule = {
  mode: 'daily',
  times: ['08:00', '16:30'],
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
};

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('next scheduled run (Hong Kong time, SPEC §4)', () => {
  // [schedule, after (HK local), expected next (UTC ISO), why]
  const cases: Array<[TransmissionSchedule, string, string | null, string]> = [
    [SCHOOL_DAYS, '2026-03-02T07:59:59', '2026-03-02T00:00:00.000Z', 'Monday before the first time'],
    [SCHOOL_DAYS, '2026-03-02T08:00:00', '2026-03-02T08:30:00.000Z', 'a time that just came is not next'],
    [SCHOOL_DAYS, '2026-03-02T16:29:00', '2026-03-02T08:30:00.000Z', 'Monday afternoon'],
    [SCHOOL_DAYS, '2026-03-02T23:30:00', '2026-03-03T00:00:00.000Z', 'late evening: next morning'],
    [SCHOOL_DAYS, '2026-03-06T16:30:00', '2026-03-09T00:00:00.000Z', 'Friday evening skips the weekend'],
    [SCHOOL_DAYS, '2026-03-07T12:00:00', '2026-03-09T00:00:00.000Z', 'Saturday'],
    [
      { mode: 'daily', times: ['00:30'], weekdays: ['mon'] },
      '2026-03-08T20:00:00',
      '2026-03-08T16:30:00.000Z',
      'Monday 00:30 in Hong Kong is still Sunday in UTC',
    ],
    [
      { mode: 'daily', times: ['23:45'], weekdays: ['sun'] },
      '2026-03-08T07:59:00',
      '2026-03-08T15:45:00.000Z',
      'Sunday 23:45 in Hong Kong is Sunday 15:45 UTC',
    ],
    [
      { mode: 'daily', times: ['07:00'], weekdays: ['sun'] },
      '2026-03-08T07:00:00',
      '2026-03-14T23:00:00.000Z',
      'the only weekly time, just run: a week later',
    ],
    [
      { mode: 'daily', times: ['08:00'], weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
      '2026-12-31T23:59:00',
      '2027-01-01T00:00:00.000Z',
      'across the year end',
    ],
    [
      { mode: 'daily', times: ['08:00'], weekdays: ['thu'] },
      '2028-02-28T09:00:00',
      '2028-03-02T00:00:00.000Z',
      'across 29 February of a leap year',
    ],
    [
      { mode: 'interval', intervalSeconds: 10 },
      '2026-03-02T08:00:00',
      '2026-03-02T00:00:10.000Z',
      'interval',
    ],
    [{ mode: 'off' }, '2026-03-02T08:00:00', null, 'off never runs'],
  ];
  for (const [schedule, after, expected, why] of cases) {
    it(`${why}: after ${after} → ${expected}`, () => {
      expect(iso(nextScheduledRun(schedule, hk(after)))).toBe(expected);
    });
  }
});

describe('schedule input', () => {
  it('reads weekdays as typed on the command line', () => {
    expect(parseWeekdays('mon-fri')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(parseWeekdays('sat-sun')).toEqual(['sat', 'sun']);
    expect(parseWeekdays('fri,mon, wed')).toEqual(['mon', 'wed', 'fri']);
    expect(parseWeekdays('Daily')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    expect(codeOf(() => parseWeekdays('fri-mon'))).toBe('schedule.invalid');
    expect(codeOf(() => parseWeekdays('weekdays'))).toBe('schedule.invalid');
    expect(codeOf(() => parseWeekdays('mon-tue-wed'))).toBe('schedule.invalid');
  });

  it('stores times sorted and distinct and weekdays in week order', () => {
    expect(
      normaliseSchedule(
        { mode: 'daily', times: ['16:30', '08:00', '16:30'], weekdays: ['fri', 'mon'] },
        'school',
      ),
    ).toEqual({ mode: 'daily', times: ['08:00', '16:30'], weekdays: ['mon', 'fri'] });
  });

  it('refuses what it cannot run, each with its reason', () => {
    const daily =
      (times: string[], weekdays: Weekday[] = ['mon']) =>
      () =>
        normaliseSchedule({ mode: 'daily', times, weekdays }, 'school');
    expect(codeOf(daily(['8:00']))).toBe('schedule.invalid');
    expect(codeOf(daily(['24:00']))).toBe('schedule.invalid');
    expect(codeOf(daily(['12:60']))).toBe('schedule.invalid');
    expect(codeOf(daily([]))).toBe('schedule.invalid');
    expect(codeOf(daily(['08:00'], []))).toBe('schedule.invalid');
    const interval = (seconds: number, role: 'school' | 'agency') => () =>
      normaliseSchedule({ mode: 'interval', intervalSeconds: seconds }, role);
    expect(codeOf(interval(60, 'school'))).toBe('schedule.interval_agency_only');
    expect(codeOf(interval(9, 'agency'))).toBe('schedule.invalid');
    expect(codeOf(interval(10.5, 'agency'))).toBe('schedule.invalid');
    expect(codeOf(interval(86_401, 'agency'))).toBe('schedule.invalid');
    expect(normaliseSchedule({ mode: 'interval', intervalSeconds: 10 }, 'agency')).toEqual({
      mode: 'interval',
      intervalSeconds: 10,
    });
  });

  it('says each refusal in Chinese for a zh-HK user, naming what was typed', () => {
    const zhOf = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        if (error instanceof AppError) return error.messageIn('zh-HK');
        throw error;
      }
      return 'no error';
    };
    const refusals = [
      zhOf(() => normaliseSchedule({ mode: 'daily', times: ['8:00'], weekdays: ['mon'] }, 'school')),
      zhOf(() => normaliseSchedule({ mode: 'daily', times: [], weekdays: ['mon'] }, 'school')),
      zhOf(() => normaliseSchedule({ mode: 'daily', times: ['08:00'], weekdays: [] }, 'school')),
      zhOf(() => normaliseSchedule({ mode: 'interval', intervalSeconds: 9 }, 'agency')),
      zhOf(() => parseWeekdays('fri-mon')),
      zhOf(() => parseWeekdays('weekdays')),
    ];
    expect(refusals[0]).toBe(
      '設定時間輸送不正確：時間「8:00」須為 HH:mm 格式（00:00 至 23:59）。請更正後再儲存。',
    );
    expect(refusals[3]).toContain('相隔時間 9 秒不正確，須為 10 至 86400 秒之間的整數');
    for (const zh of refusals) expect(latinProse(zh), zh).toBeNull();
  });
});
