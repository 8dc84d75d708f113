/**
 * The spreadsheets, read back with exceljs's reader: typed cells (dates, numbers), one header row
 * per sheet, formula injection neutralised, and totals that match the database.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_START, fixtureId } from './testing/fixture.js';
import { createReportWorld, type ReportWorld } from './testing/report-world.js';

const FROM = Date.UTC(2026, 9, 31, 16);
const TO = Date.UTC(2026, 10, 30, 16);
/** What a spreadsheet shows for an instant: Hong Kong wall-clock time. */
const wallClock = (ms: number) => new Date(ms + 8 * 3_600_000);

let world: ReportWorld;
beforeAll(async () => {
  world = await createReportWorld();
});
afterAll(() => world.close());

async function read(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const values = (row: ExcelJS.Row): unknown[] => (row.values as unknown[]).slice(1);

describe('XLSX reports', () => {
  it('a list: one header row, typed cells, every row of the period, escaped text', async () => {
    const { file, rows } = await world.render('daily-outgoing', 'zh-HK', 'xlsx');
    const workbook = await read(file);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['清單', '撮要', '報告資料']);
    const list = workbook.getWorksheet('清單')!;
    expect(values(list.getRow(1))).toEqual([
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
    ]);
    const { count } = await world.handle.db
      .selectFrom('outgoing_messages')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('created_at', '>=', FROM)
      .where('created_at', '<', TO)
      .executeTakeFirstOrThrow();
    expect(rows).toBe(Number(count));
    expect(list.actualRowCount).toBe(rows + 1);
    const first = list.getRow(2);
    expect(first.getCell(1).value).toEqual(wallClock(FIXTURE_START));
    expect(first.getCell(1).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(values(first).slice(1)).toEqual([
      '教育局',
      '學生資料',
      '呈交',
      '表格 A – 學生離校（2026年11月第1批）',
      '普通',
      '受限制',
      '已接收',
      'head',
      fixtureId(FIXTURE_START, 0),
    ]);
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const injected = cells.find((cell) => typeof cell.value === 'string' && cell.value.includes('HYPERLINK'));
    expect(injected?.type).toBe(ExcelJS.ValueType.String);
    expect(injected?.value).toBe(`'=HYPERLINK("http://example.invalid","請按此")`);
  });

  it('numbers stay numbers (attempts) and empty times stay empty', async () => {
    const { file } = await world.render('outgoing-processing', 'en', 'xlsx', { statuses: ['SEND_FAIL'] });
    const list = (await read(file)).getWorksheet('List')!;
    const header = values(list.getRow(1));
    const attempts = header.indexOf('Attempts') + 1;
    const received = header.indexOf('Received') + 1;
    expect(list.actualRowCount).toBeGreaterThan(1);
    list.eachRow((row, n) => {
      if (n === 1) return;
      expect(row.getCell(attempts).value).toBe(3);
      expect(row.getCell(received).value).toBeNull();
    });
  });

  it('a summary: counts per group, per status and in total match the database', async () => {
    const { file, rows } = await world.render('incoming-summary', 'en', 'xlsx');
    const summary = (await read(file)).getWorksheet('Summary')!;
    expect(values(summary.getRow(1))).toEqual([
      'Subject',
      'Type',
      'Encryption level',
      'Priority',
      'Incoming message status',
      'Messages',
    ]);
    const { rows: db } = await sql<{ status: string; count: number }>`
      select status, count(*) as count from incoming_messages
      where received_at >= ${FROM} and received_at < ${TO} group by status`.execute(world.handle.db);
    const total = db.reduce((sum, row) => sum + Number(row.count), 0);
    expect(rows).toBe(total);
    const all = summary.getSheetValues().slice(1) as unknown[][];
    const totalRows = all.filter((row) => row?.[1] === 'Total');
    expect(totalRows[0]?.[6]).toBe(total);
    const byStatusAt = all.findIndex((row) => row?.[1] === 'Incoming message status');
    const byStatus = new Map(
      all.slice(byStatusAt + 1, byStatusAt + 6).map((row) => [row[1], row[2]] as const),
    );
    expect(byStatus).toEqual(
      new Map([
        ['Encrypted', Number(db.find((r) => r.status === 'ENCRYPTED')?.count ?? 0)],
        ['Decrypted', Number(db.find((r) => r.status === 'DECRYPTED')?.count ?? 0)],
        ['Decryption failed', Number(db.find((r) => r.status === 'DECRYPT_FAIL')?.count ?? 0)],
        ['Imported', Number(db.find((r) => r.status === 'IMPORTED')?.count ?? 0)],
        ['Import failed', Number(db.find((r) => r.status === 'IMPORT_FAIL')?.count ?? 0)],
      ]),
    );
    const groupCounts = all.slice(1, all.indexOf(totalRows[0]!)).map((row) => row[6] as number);
    expect(groupCounts.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('key changes: dates as dates, with the report details on their own sheet', async () => {
    const { file } = await world.render('key-history', 'zh-HK', 'xlsx');
    const workbook = await read(file);
    const list = workbook.getWorksheet('清單')!;
    expect(list.getRow(2).getCell(5).value).toBeInstanceOf(Date);
    expect(values(list.getRow(2)).slice(1, 4)).toEqual([
      'head',
      'k5a17c0df',
      expect.stringMatching(/^SHA256:/),
    ]);
    const info = workbook.getWorksheet('報告資料')!.getSheetValues().slice(1) as unknown[][];
    expect(info.map((row) => row[1])).toEqual([
      '報告',
      'slug',
      '示範中學',
      '日期範圍',
      '條件',
      '列印時間',
      '使用者',
      '更改次數',
    ]);
    expect(info[0]?.[2]).toBe('密碼匙更改紀錄清單');
    expect(info[5]?.[2]).toEqual(wallClock(Date.UTC(2026, 11, 1, 2, 30)));
    expect(info[7]?.[2]).toBe(2);
  });
});
