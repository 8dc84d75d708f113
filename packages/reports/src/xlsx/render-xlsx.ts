/**
 * A report as XLSX through exceljs's streaming writer: rows are committed as they arrive, so a
 * 100,000-row list never sits in memory. Cells are typed (times are dates in Hong Kong time, counts
 * are numbers), every text is escaped against formula injection, and each sheet starts with one
 * header row (frozen, with a filter) so the data can be sorted and pivoted as it is.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { label, type Lang } from '@cds/domain';
import type { CellValue, Column, ColumnKind } from '../columns.js';
import { hongKongWallClock, printedDay } from '../hk-time.js';
import {
  criteriaLine,
  keyChangeRows,
  messageRows,
  partyCodeLine,
  partyName,
  type ReportJob,
} from '../report-job.js';
import { SummaryBuilder, type Summary } from '../summary.js';
import { TEXT } from '../text.js';
import { escapeCellText } from './escape.js';

export interface XlsxResult {
  readonly rows: number;
}

type Worksheet = ExcelJS.Worksheet;
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE0E0E0' } };

function cell(kind: ColumnKind, value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === 'datetime' && typeof value === 'number') return hongKongWallClock(value);
  if (typeof value === 'number') return value;
  return escapeCellText(value);
}

function sheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, width: number): Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: width } };
  return ws;
}

function header(ws: Worksheet, titles: readonly string[], widths: readonly number[]): void {
  ws.columns = titles.map((title, i) => ({ header: escapeCellText(title), width: widths[i] ?? 14 }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.fill = HEADER_FILL;
  row.commit();
}

function bold(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.commit();
}

async function listSheet<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  columns: readonly Column<Row>[],
  rows: AsyncIterable<Row>,
  lang: Lang,
  onRow: (row: Row) => void,
): Promise<number> {
  const ws = sheet(workbook, TEXT.listSheet[lang], columns.length);
  header(
    ws,
    columns.map((column) => column.title[lang]),
    columns.map((column) => column.xlsxWidth),
  );
  columns.forEach((column, i) => {
    if (column.kind === 'datetime') ws.getColumn(i + 1).numFmt = DATE_FORMAT;
  });
  let count = 0;
  for await (const row of rows) {
    const added = ws.addRow(columns.map((column) => cell(column.kind, column.value(row, lang))));
    columns.forEach((column, i) => {
      if (column.kind === 'datetime') added.getCell(i + 1).numFmt = DATE_FORMAT;
    });
    added.commit();
    onRow(row);
    count += 1;
    // A turn for the event loop now and then, so the zip stream reaches its reader as it grows.
    if (count % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  ws.commit();
  return count;
}

function summarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary, lang: Lang): void {
  const titles = [...summary.dimensions.map((d) => d.table.title[lang]), TEXT.messages[lang]];
  const ws = sheet(workbook, TEXT.summaryHeading[lang], titles.length);
  header(ws, titles, [30, 16, 14, 12, 16, 12]);
  for (const group of summary.groups) {
    ws.addRow([
      ...summary.dimensions.map((d) => escapeCellText(label(d.table, group.key[d.dimension], lang))),
      group.count,
    ]).commit();
  }
  bold(ws.addRow([TEXT.total[lang], null, null, null, null, summary.total]));
  for (const counts of summary.dimensions) {
    ws.addRow([]).commit();
    bold(ws.addRow([counts.table.title[lang], TEXT.messages[lang], lang === 'zh-HK' ? '百分比' : 'Share']));
    for (const entry of counts.counts) {
      const row = ws.addRow([
        escapeCellText(label(counts.table, entry.code, lang)),
        entry.count,
        summary.total === 0 ? null : entry.count / summary.total,
      ]);
      row.getCell(3).numFmt = '0.0%';
      row.commit();
    }
    bold(ws.addRow([TEXT.total[lang], summary.total, summary.total === 0 ? null : 1]));
  }
  ws.commit();
}

function infoSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, job: ReportJob, rows: number): void {
  const { definition, lang } = job.request;
  const ws = workbook.addWorksheet(TEXT.infoSheet[lang]);
  ws.columns = [{ width: 16 }, { width: 70 }];
  const period = `${printedDay(job.request.fromDay)} ${TEXT.through[lang]} ${printedDay(job.request.toDay)}`;
  const entries: [string, ExcelJS.CellValue][] = [
    [TEXT.report[lang], definition.title[lang]],
    ['slug', definition.slug],
    [partyName(job.party, lang), partyCodeLine(job.party, lang)],
    [TEXT.period[lang], period],
    [lang === 'zh-HK' ? '條件' : 'Criteria', criteriaLine(job)],
    [TEXT.printed[lang], hongKongWallClock(job.generatedAt)],
    [TEXT.user[lang], job.user],
    [definition.source === 'keyChanges' ? TEXT.changes[lang] : TEXT.messages[lang], rows],
  ];
  for (const [name, value] of entries) {
    const row = ws.addRow([escapeCellText(name), typeof value === 'string' ? escapeCellText(value) : value]);
    row.getCell(1).font = { bold: true };
    if (value instanceof Date) row.getCell(2).numFmt = DATE_FORMAT;
    row.getCell(2).alignment = { horizontal: 'left' };
    row.commit();
  }
  ws.commit();
}

export async function renderXlsx(job: ReportJob, sink: Writable): Promise<XlsxResult> {
  const { definition, lang } = job.request;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'CDS 聯遞系統';
  workbook.title = definition.title[lang];
  workbook.created = new Date(job.generatedAt);
  let rows: number;
  if (definition.source === 'keyChanges') {
    rows = await listSheet(workbook, definition.columns, keyChangeRows(job), lang, () => undefined);
  } else {
    const summary = new SummaryBuilder(definition.box);
    if (definition.kind === 'list') {
      rows = await listSheet(workbook, definition.columns, messageRows(job), lang, (row) => summary.add(row));
    } else {
      for await (const row of messageRows(job)) summary.add(row);
      rows = summary.total;
    }
    summarySheet(workbook, summary.result(), lang);
  }
  infoSheet(workbook, job, rows);
  await workbook.commit();
  return { rows };
}
