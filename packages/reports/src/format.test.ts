import { describe, expect, it } from 'vitest';
import {
  formatHongKongDate,
  formatHongKongDateTime,
  hongKongDayStart,
  hongKongWallClock,
} from './hk-time.js';
import { truncate, wrap } from './pdf/text-fit.js';
import { escapeCellText } from './xlsx/escape.js';

const HK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Hong_Kong',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

describe('Hong Kong time', () => {
  it('agrees with the time-zone database across years and day boundaries', () => {
    for (const at of [
      Date.UTC(1980, 0, 1),
      Date.UTC(2026, 10, 30, 15, 59),
      Date.UTC(2026, 10, 30, 16, 0),
      Date.UTC(2040, 1, 29, 23, 30),
      Date.UTC(2099, 11, 31, 16, 1),
    ]) {
      expect(formatHongKongDateTime(at)).toBe(HK.format(at).replace(',', ''));
    }
    expect(formatHongKongDate(Date.UTC(2026, 10, 30, 16))).toBe('01/12/2026');
    expect(hongKongWallClock(Date.UTC(2026, 10, 30, 16)).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('knows real calendar days only', () => {
    expect(hongKongDayStart('2028-02-29')).toBe(Date.UTC(2028, 1, 28, 16));
    for (const bad of ['2026-02-29', '2026-04-31', '2026-00-10', '26-11-01', '2026-11-1', '']) {
      expect(hongKongDayStart(bad)).toBeNull();
    }
  });
});

describe('fitting text into a cell', () => {
  const measure = (text: string) => [...text].length; // one unit per character

  it('wraps Chinese anywhere but never starts a line with closing punctuation', () => {
    expect(wrap('表格甲學生離校，中三甲班', 6, 3, measure)).toEqual(['表格甲學生離', '校，中三甲班']);
  });

  it('wraps English at spaces, breaks only words longer than the cell, and cuts with an ellipsis', () => {
    expect(wrap('Form A student leaving', 10, 3, measure)).toEqual(['Form A', 'student', 'leaving']);
    expect(wrap('0190a1b2-7abc-8def', 8, 3, measure)).toEqual(['0190a1b2', '-7abc-8d', 'ef']);
    expect(wrap('one two three four five six', 9, 2, measure)).toEqual(['one two', 'three fo…']);
    expect(truncate('  tabs\tand\nnewlines  ', 40, measure)).toBe('tabs and newlines');
    expect(truncate('abcdefghij', 5, measure)).toBe('abcd…');
  });
});

describe('formula injection', () => {
  it('gives every text that could start a formula a leading apostrophe, and nothing else', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) {
      expect(escapeCellText(text)).toBe(`'${text}`);
    }
    for (const text of ['表格 A', 'a=b', '1-2', '']) expect(escapeCellText(text)).toBe(text);
  });
});
