import { describe, expect, it } from 'vitest';
import type { ReportSource } from '@cds/domain';
import { generateReport } from './generate-report.js';
import { validateReportRequest } from './criteria.js';
import { REPORTS, REPORT_SLUGS } from './definitions.js';

const NOW = Date.UTC(2026, 11, 1, 2, 30);
const base = { slug: 'daily-outgoing', from: '2026-11-01', to: '2026-11-30', format: 'pdf' };

/** A source that fails the test if a refused request reads anything. */
const untouched: ReportSource = {
  messages: () => {
    throw new Error('a refused report read messages');
  },
  keyChanges: () => {
    throw new Error('a refused report read key changes');
  },
};

function refusal(request: unknown): unknown {
  try {
    validateReportRequest(request, NOW);
  } catch (error) {
    return error;
  }
  throw new Error('accepted');
}

describe('report requests', () => {
  it('offer exactly the nine reports of SPEC §6 with their Chinese names', () => {
    expect(Object.fromEntries(REPORTS.map((r) => [r.slug, r.title['zh-HK']]))).toEqual({
      'daily-incoming': '每日收到的接收訊息清單',
      'incoming-summary': '接收訊息撮要',
      'daily-outgoing': '每日製作的寄發訊息清單',
      'outgoing-summary': '寄發訊息撮要',
      'exported-summary': '已匯出訊息撮要',
      'imported-summary': '已匯入訊息撮要',
      'key-history': '密碼匙更改紀錄清單',
      'outgoing-processing': '寄發訊息處理清單',
      'uploaded-summary': '已上載訊息撮要',
    });
    expect(REPORT_SLUGS).toHaveLength(9);
  });

  it('cover whole Hong Kong days: from 00:00 HKT of the first to 00:00 HKT after the last', () => {
    const valid = validateReportRequest({ ...base, statuses: ['SENT', 'SENT'], subjects: ['STU'] }, NOW);
    expect(valid.range).toEqual({ from: Date.UTC(2026, 9, 31, 16), to: Date.UTC(2026, 10, 30, 16) });
    expect(valid).toMatchObject({ statuses: ['SENT'], subjects: ['STU'], lang: 'zh-HK', format: 'pdf' });
    // A period reaching into the future stops at the generation time, so both PDF passes agree.
    expect(validateReportRequest({ ...base, to: '2026-12-31' }, NOW).range.to).toBe(NOW + 1);
  });

  it.each([
    [{ ...base, slug: 'daily-report' }, 'report.unknown_slug'],
    [{ ...base, from: '2026-02-30' }, 'report.invalid_date'],
    [{ ...base, to: '30/11/2026' }, 'report.invalid_date'],
    [{ ...base, from: '2026-12-01' }, 'report.date_range_reversed'],
    [{ ...base, format: 'docx' }, 'report.unsupported_format'],
    [{ ...base, statuses: ['DECRYPTED'] }, 'code.unknown'],
    [{ ...base, subjects: ['XYZ'] }, 'code.unknown'],
    [{ ...base, slug: 'key-history', statuses: ['SENT'] }, 'report.criterion_not_supported'],
    [{ ...base, lang: 'fr' }, 'validation.failed'],
  ])('refuse %j with %s', (request, code) => {
    expect(refusal(request)).toMatchObject({ code });
  });

  it('name the fault in both languages', () => {
    const error = refusal({ ...base, from: '2026-13-01' }) as { messageIn(lang: string): string };
    expect(error.messageIn('zh-HK')).toBe('開始日期「2026-13-01」不正確，請以 YYYY-MM-DD 格式輸入有效日期。');
    expect(error.messageIn('en')).toBe(
      'The start date "2026-13-01" is not valid; give a real date as YYYY-MM-DD.',
    );
  });

  it('need the report right (SPEC §7) before anything is read', () => {
    const deps = { source: untouched, party: { code: '123456', name: null }, now: () => NOW };
    expect(() => generateReport({ name: 'staff', groups: ['STAFF'] }, base, deps)).toThrow(
      expect.objectContaining({ code: 'auth.forbidden', details: { right: 'cds.report' } }),
    );
    for (const group of ['CDS_ADMIN', 'SYSTEM_ADMIN', 'SCHOOL_HEAD']) {
      expect(generateReport({ name: 'x', groups: [group] }, base, deps).filename).toBe(
        'daily-outgoing_20261101-20261130_zh-HK.pdf',
      );
    }
    expect(() => generateReport({ name: 'x', groups: ['HEAD'] }, base, deps)).toThrow(
      expect.objectContaining({ code: 'auth.unknown_group' }),
    );
  });
});
