import { describe, expect, it } from 'vitest';
import {
  cdsLogFileName,
  dateOfCdsLogFile,
  formatCdsLogLine,
  hongKongDate,
  hongKongTimestamp,
  isCalendarDate,
  parseCdsLogLine,
  type CdsLogEntry,
} from './cds-log.js';

describe('CDS log lines (SPEC §4 聯遞系統紀錄)', () => {
  it('writes Hong Kong time, and the day changes at Hong Kong midnight, not UTC midnight', () => {
    expect(hongKongTimestamp(Date.parse('2026-03-02T15:59:59.999Z'))).toBe('2026-03-02T23:59:59.999+08:00');
    expect(hongKongTimestamp(Date.parse('2026-03-02T16:00:00.000Z'))).toBe('2026-03-03T00:00:00.000+08:00');
    expect(hongKongDate(Date.parse('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('one tab-separated line per event, read back as written', () => {
    const entry: CdsLogEntry = {
      at: Date.parse('2026-03-02T00:00:01.250Z'),
      cycleId: '0195f3a0-0000-7000-8000-000000000001',
      action: 'upload',
      messageId: '0195f3a0-0000-7000-8000-0000000000aa',
      result: 'SEND_FAIL',
      code: 'transport.hub_unreachable',
      detail: 'to EDB',
    };
    const line = formatCdsLogLine(entry);
    expect(line).toBe(
      '2026-03-02T08:00:01.250+08:00\t0195f3a0-0000-7000-8000-000000000001\tupload\t' +
        '0195f3a0-0000-7000-8000-0000000000aa\tSEND_FAIL\ttransport.hub_unreachable\tto EDB',
    );
    expect(parseCdsLogLine(line)).toEqual(entry);
  });

  it('empty fields are "-", and a tab or line break inside a field cannot split the line', () => {
    const line = formatCdsLogLine({
      at: 0,
      cycleId: 'c',
      action: 'start',
      messageId: null,
      result: 'adhoc',
      code: null,
      detail: 'user cli:a\tb\nc',
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line.split('\t')).toHaveLength(7);
    expect(parseCdsLogLine(line)).toMatchObject({ messageId: null, code: null, detail: 'user cli:a b c' });
    expect(parseCdsLogLine('not a log line')).toBeNull();
  });

  it('names one file per day CDS_yyyyMMdd.log and recognises only real dates', () => {
    expect(cdsLogFileName('2026-03-02')).toBe('CDS_20260302.log');
    expect(dateOfCdsLogFile('CDS_20260302.log')).toBe('2026-03-02');
    expect(dateOfCdsLogFile('CDS_20260230.log')).toBeNull();
    expect(dateOfCdsLogFile('server.log')).toBeNull();
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-3-2')).toBe(false);
  });
});
