import { describe, expect, it } from 'vitest';
import { asciiFallbackName, contentDisposition, safeFileName } from './index.js';

describe('safe extraction file names', () => {
  it.each([
    [1, '成績.csv', '0001-成績.csv'],
    [12, 'report.PDF', '0012-report.PDF'],
    [3, 'a:b*c?"d"<e>|f.txt', '0003-a_b_c__d__e__f.txt'],
    [4, 'invoice\u202Efdp.exe', '0004-invoice_fdp.exe'],
    [5, 'CON', '0005-CON'],
    [6, 'trailing dots... ', '0006-trailing dots'],
    [7, '...', '0007-attachment'],
    [8, 'Cafe\u0301.txt', '0008-Café.txt'],
    [9, 'tab\there', '0009-tab_here'],
  ])('attachment %i named %j → %j', (index, name, expected) => {
    expect(safeFileName(index, name)).toBe(expected);
  });

  it('stays within 255 UTF-8 bytes, cuts whole characters and keeps the extension', () => {
    const name = safeFileName(1, `${'學'.repeat(85)}.xlsx`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.startsWith('0001-學')).toBe(true);
    expect(name.endsWith('學.xlsx')).toBe(true);
    const emoji = safeFileName(2, '📎'.repeat(70));
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(255);
    expect(emoji).not.toMatch(/\p{Cs}/u);
  });
});

describe('Content-Disposition (RFC 6266)', () => {
  it.each([
    ['report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    [
      '學生資料.csv',
      `attachment; filename="attachment.csv"; filename*=UTF-8''%E5%AD%B8%E7%94%9F%E8%B3%87%E6%96%99.csv`,
    ],
    ['Café menu.txt', `attachment; filename="Cafe menu.txt"; filename*=UTF-8''Caf%C3%A9%20menu.txt`],
    [
      `a"b\\c%d';(x)*.txt`,
      `attachment; filename="a_b_c_d';(x)*.txt"; filename*=UTF-8''a%22b%5Cc%25d%27%3B%28x%29%2A.txt`,
    ],
  ])('%j', (name, expected) => {
    expect(contentDisposition(name)).toBe(expected);
  });

  it('supports inline and decodes back to the exact name', () => {
    const name = '全港性系統評估 參數檔 (2026).xlsx';
    const header = contentDisposition(name, 'inline');
    expect(header.startsWith('inline; filename="')).toBe(true);
    const encoded = /filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(name);
  });

  it('the ASCII fallback is printable ASCII without quote, backslash or percent', () => {
    for (const name of ['學.txt', 'a\u0000b', 'x"y', '100%.csv', 'Ünïcödé']) {
      expect(asciiFallbackName(name)).toMatch(/^[\x20-\x7e]+$/);
      expect(asciiFallbackName(name)).not.toMatch(/["\\%]/);
    }
  });
});
