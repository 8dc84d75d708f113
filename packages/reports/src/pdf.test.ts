/**
 * The printed reports, read back with poppler (what a user's viewer sees): titles, headings and
 * row values as text, totals against the database, the embedded font, and every word inside the
 * margins. One world and one PDF per report, shared by the tests.
 */
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTGOING_STATUS_TABLE, INCOMING_STATUS_TABLE, type Lang } from '@cds/domain';
import { REPORTS, REPORT_SLUGS } from './definitions.js';
import { FIXTURE_START, fixtureId } from './testing/fixture.js';
import { createReportWorld, type ReportWorld } from './testing/report-world.js';

const text = (file: string, ...args: string[]) =>
  execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
const pagesOf = (file: string, ...args: string[]) =>
  text(file, ...args)
    .split('\f')
    .slice(0, -1);
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-7000-8000-[0-9a-f]{12}/g;
/** November 2026 in Hong Kong, as epoch ms. */
const FROM = Date.UTC(2026, 9, 31, 16);
const TO = Date.UTC(2026, 10, 30, 16);

let world: ReportWorld;
const zh: Record<string, { file: string; pages: number | null; rows: number }> = {};
const en: Record<string, { file: string; pages: number | null; rows: number }> = {};

beforeAll(async () => {
  world = await createReportWorld();
  for (const slug of REPORT_SLUGS) zh[slug] = await world.render(slug, 'zh-HK', 'pdf');
  for (const slug of ['daily-outgoing', 'outgoing-summary']) en[slug] = await world.render(slug, 'en', 'pdf');
});
afterAll(() => world.close());

const title = (slug: string, lang: Lang) => REPORTS.find((r) => r.slug === slug)?.title[lang] ?? '';

describe('PDF reports', () => {
  it('every page carries the title, the school, the criteria and "page X of Y" in the footer', () => {
    for (const slug of REPORT_SLUGS) {
      const report = zh[slug]!;
      const pages = pagesOf(report.file);
      expect(pages.length, slug).toBe(report.pages);
      pages.forEach((page, i) => {
        expect(page, `${slug} p${i + 1}`).toContain(title(slug, 'zh-HK'));
        expect(page).toContain('示範中學');
        expect(page).toContain('學校編號：123456');
        expect(page).toContain('01/11/2026 至 30/11/2026');
        expect(page).toContain('列印時間：01/12/2026 10:30');
        expect(page).toContain('使用者：head');
        expect(page).toContain(`第 ${i + 1} 頁，共 ${pages.length} 頁`);
      });
    }
  });

  it('repeat the column headings on every page that lists messages', () => {
    const pages = pagesOf(zh['daily-outgoing']!.file);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const headings = [
      '製作時間',
      '收件者',
      '科目',
      '類別',
      '說明',
      '優先次序',
      '加密級別',
      '狀況',
      '製作者',
      '訊息編號',
    ];
    const listsMessages = new RegExp(ID.source);
    for (const page of pages.filter((p) => listsMessages.test(p))) {
      for (const heading of headings) expect(page).toContain(heading);
    }
  });

  it('list every message of the period once, with its values on its row', async () => {
    const { count } = await world.handle.db
      .selectFrom('outgoing_messages')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('created_at', '>=', FROM)
      .where('created_at', '<', TO)
      .executeTakeFirstOrThrow();
    const layout = text(zh['daily-outgoing']!.file, '-layout');
    const ids = layout.match(ID) ?? [];
    expect(ids.length).toBe(Number(count));
    expect(new Set(ids).size).toBe(ids.length);
    const first = layout.split('\n').find((line) => line.includes(fixtureId(FIXTURE_START, 0)));
    for (const value of [
      '02/11/2026 09:00',
      '教育局',
      '學生資料',
      '呈交',
      '表格 A – 學生離校（2026年11月第1批）',
    ]) {
      expect(first).toContain(value);
    }
    expect(first).toMatch(/普通\s+受限制\s+已接收\s+head/);
    // A description longer than three lines ends in an ellipsis inside its cell.
    expect(layout).toMatch(/查收並更新學生紀錄[^\n]*…/);
    // Printed as written: formula escaping is for spreadsheets, a PDF shows the text itself.
    expect(layout).toContain('=HYPERLINK("http://example.invalid",');
    expect(layout).toMatch(/撮要[\s\S]*總計\s+\d+\s+100\.0%/);
  });

  it('print key changes and processing details from their own tables', () => {
    const keys = text(zh['key-history']!.file, '-layout');
    expect(keys).toMatch(/05\/11\/2026 09:00\s+head\s+k5a17c0df\s+SHA256:/);
    expect(keys).toContain('recovery: School Key forgotten after staff');
    expect(keys).toContain('總計：共 2 項');
    const processing = text(zh['outgoing-processing']!.file, '-layout');
    expect(processing).toContain('無法連接聯遞系統');
    for (const heading of ['最後處理時間', '加密時間', '輸出時間', '傳送次數', '錯誤或原因']) {
      expect(processing).toContain(heading);
    }
  });

  it.each([
    ['outgoing-summary', 'outgoing_messages', 'created_at', OUTGOING_STATUS_TABLE],
    ['uploaded-summary', 'outgoing_messages', 'sent_at', OUTGOING_STATUS_TABLE],
    ['exported-summary', 'outgoing_messages', 'exported_at', OUTGOING_STATUS_TABLE],
    ['incoming-summary', 'incoming_messages', 'received_at', INCOMING_STATUS_TABLE],
    ['imported-summary', 'incoming_messages', 'bundle_imported_at', INCOMING_STATUS_TABLE],
  ] as const)(
    '%s: the totals and the counts per status match the database',
    async (slug, table, column, statuses) => {
      const { rows } = await sql<{ status: string; count: number }>`
      select status, count(*) as count from ${sql.table(table)}
      where ${sql.ref(column)} >= ${FROM} and ${sql.ref(column)} < ${TO} group by status`.execute(
        world.handle.db,
      );
      const expected = new Map(rows.map((row) => [row.status, Number(row.count)]));
      const total = [...expected.values()].reduce((a, b) => a + b, 0);
      expect(total, slug).toBeGreaterThan(0);
      const layout = text(zh[slug]!.file, '-layout');
      const totals = [...layout.matchAll(/^\s*總計\s+(\d+)/gm)].map((m) => Number(m[1]));
      expect(totals.length).toBe(6); // the combination table and the five dimension tables
      expect(new Set(totals)).toEqual(new Set([total]));
      const byStatus = layout.slice(layout.lastIndexOf(`按${statuses.title['zh-HK']}統計`));
      for (const entry of statuses.entries) {
        const line = new RegExp(`^\\s*${entry['zh-HK']}\\s+(\\d+)\\s`, 'm').exec(byStatus);
        expect(Number(line?.[1]), `${slug} ${entry.code}`).toBe(expected.get(entry.code) ?? 0);
      }
    },
  );

  it('embed Noto Sans CJK HK as a subset, and no other font', () => {
    for (const report of [...Object.values(zh), ...Object.values(en)]) {
      const fonts = execFileSync('pdffonts', [report.file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      // One font (bold headings are drawn from the same outlines); a subset's name starts with six
      // capital letters and a plus sign.
      expect(fonts).toEqual([
        expect.stringMatching(
          /^[A-Z]{6}\+NotoSansCJKhk-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes\s/,
        ),
      ]);
    }
  });

  it('place every word inside the page margins', () => {
    for (const report of [...Object.values(zh), ...Object.values(en)]) {
      const html = text(report.file, '-bbox');
      const pages = [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)];
      expect(pages.length).toBe(report.pages);
      for (const [, w, h, body] of pages) {
        const [width, height] = [Number(w), Number(h)];
        const words = [
          ...body!.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)/g),
        ];
        expect(words.length).toBeGreaterThan(10);
        for (const [, x0, y0, x1, y1, word] of words) {
          const where = `${report.file}: "${word}" at ${x0},${y0}-${x1},${y1}`;
          expect(Number(x0), where).toBeGreaterThanOrEqual(35.5);
          expect(Number(x1), where).toBeLessThanOrEqual(width - 35.5);
          expect(Number(y0), where).toBeGreaterThanOrEqual(20);
          expect(Number(y1), where).toBeLessThanOrEqual(height - 20);
        }
      }
    }
  });

  it('speak English when asked', () => {
    const pages = pagesOf(en['daily-outgoing']!.file);
    expect(pages[0]).toContain('Daily list of outgoing messages created');
    expect(pages[0]).toContain('Demo Secondary School');
    expect(pages[0]).toContain('Period (created): 01/11/2026 to 30/11/2026');
    for (const heading of ['Created', 'To', 'Subject', 'Type', 'Description', 'Priority', 'Message ID']) {
      expect(pages[0]).toContain(heading);
    }
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    expect(pages[0]).toContain('Printed: 01/12/2026 10:30');
    expect(text(en['outgoing-summary']!.file)).toContain(
      'By subject, type, encryption level, priority and status',
    );
  });

  it('say so when nothing matches, on a single page', async () => {
    const empty = await world.render('daily-incoming', 'zh-HK', 'pdf', {
      from: '2025-01-01',
      to: '2025-01-31',
    });
    expect(empty).toMatchObject({ pages: 1, rows: 0 });
    const page = text(empty.file);
    expect(page).toContain('沒有符合條件的紀錄。');
    expect(page).toContain('第 1 頁，共 1 頁');
  });
});
