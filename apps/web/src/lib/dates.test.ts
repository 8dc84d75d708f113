import { describe, expect, it } from 'vitest';
import { parseDayMonthYear, parseDayMonthYearTime, showDay } from './dates';

describe('parseDayMonthYear', () => {
  it.each([
    ['31/12/2026', '2026-12-31'],
    ['1/2/2026', '2026-02-01'],
    [' 05/09/2026 ', '2026-09-05'],
    ['29/02/2028', '2028-02-29'],
    ['2026-12-31', '2026-12-31'],
  ])('reads %s as %s', (typed, day) => expect(parseDayMonthYear(typed)).toBe(day));

  it.each([
    '',
    '12/31/2026',
    '31/02/2026',
    '29/02/2027',
    '00/01/2026',
    '1/1/26',
    '2026-1-1',
    '31.12.2026',
    'abc',
  ])('refuses %j', (typed) => expect(parseDayMonthYear(typed)).toBeNull());

  it('shows a day the way it is typed', () => {
    expect(showDay('2026-03-04')).toBe('04/03/2026');
    expect(showDay('2026-03-04T09:05')).toBe('04/03/2026 09:05');
  });
});

describe('parseDayMonthYearTime', () => {
  it.each([
    ['31/12/2026 18:30', '2026-12-31T18:30'],
    ['1/2/2026 9:05', '2026-02-01T09:05'],
    ['2026-12-31 00:00', '2026-12-31T00:00'],
    ['2026-12-31T23:59', '2026-12-31T23:59'],
  ])('reads %s as %s', (typed, time) => expect(parseDayMonthYearTime(typed)).toBe(time));

  it.each(['', '31/12/2026', '31/12/2026 24:00', '31/12/2026 18:60', '31/02/2026 10:00', '31/12/2026 6pm'])(
    'refuses %j',
    (typed) => expect(parseDayMonthYearTime(typed)).toBeNull(),
  );
});
