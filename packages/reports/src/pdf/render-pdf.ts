/**
 * A report as PDF, in two passes over the rows: the first lays every row out exactly as the second
 * will (same measuring, wrapping and page breaks) into a document whose output goes to a sink that
 * discards it, drawing nothing and only counting the pages; the second writes the real file with
 * "page X of Y" filled in. Each pass streams: a finished page leaves memory as soon as it is
 * written, so a 100,000-row list needs little more memory than a 10-row one.
 */
import { Writable } from 'node:stream';
import { label } from '@cds/domain';
import type { Column } from '../columns.js';
import { SummaryBuilder, type Summary } from '../summary.js';
import {
  criteriaLine,
  footerLine,
  keyChangeRows,
  messageRows,
  partyCodeLine,
  partyName,
  percent,
  printed,
  type ReportJob,
} from '../report-job.js';
import { TEXT, byLabel, countLabel } from '../text.js';
import { PdfCanvas } from './canvas.js';
import type { ReportFonts } from './fonts.js';
import { A4_LANDSCAPE, A4_PORTRAIT, ReportLayout, type TableColumn } from './layout.js';

export interface RenderResult {
  readonly pages: number;
  readonly rows: number;
}

/** Rows between two turns given to the event loop and the reader (see PdfCanvas.drain). */
const DRAIN_EVERY = 50;

function nullSink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

export async function renderPdf(job: ReportJob, fonts: ReportFonts, sink: Writable): Promise<RenderResult> {
  const counted = await renderPass(job, fonts, nullSink(), null);
  return renderPass(job, fonts, sink, counted.pages);
}

async function renderPass(
  job: ReportJob,
  fonts: ReportFonts,
  sink: Writable,
  totalPages: number | null,
): Promise<RenderResult> {
  const { definition, lang } = job.request;
  const title = definition.title[lang];
  const canvas = new PdfCanvas(
    definition.kind === 'list' ? A4_LANDSCAPE : A4_PORTRAIT,
    fonts,
    { title, author: partyName(job.party, lang), lang, createdAt: new Date(job.generatedAt) },
    sink,
    totalPages === null,
  );
  const layout = new ReportLayout(
    canvas,
    {
      lang,
      title,
      partyName: partyName(job.party, lang),
      partyCode: partyCodeLine(job.party, lang),
      system: TEXT.system[lang],
      slug: definition.slug,
      criteria: criteriaLine(job),
      footer: footerLine(job),
    },
    totalPages,
  );
  layout.startPage();
  let rows: number;
  if (definition.source === 'keyChanges') {
    rows = await listBody(job, layout, canvas, definition.columns, keyChangeRows(job), null);
  } else if (definition.kind === 'list') {
    const summary = new SummaryBuilder(definition.box);
    rows = await listBody(job, layout, canvas, definition.columns, messageRows(job), summary);
  } else {
    const summary = new SummaryBuilder(definition.box);
    for await (const row of messageRows(job)) summary.add(row);
    rows = summary.total;
    summaryBody(job, layout, summary.result());
  }
  layout.note(TEXT.endOfReport[lang], 'center');
  layout.finishPage();
  if (totalPages === null) canvas.abandon();
  else await canvas.end(sink);
  return { pages: canvas.pageNumber, rows };
}

async function listBody<Row>(
  job: ReportJob,
  layout: ReportLayout,
  canvas: PdfCanvas,
  columns: readonly Column<Row>[],
  rows: AsyncIterable<Row>,
  summary: { add(row: Row): void; result(): Summary } | null,
): Promise<number> {
  const { lang } = job.request;
  const widths = layout.fitWidths(
    columns.map((column) => ({
      weight: column.weight,
      texts: [column.title[lang], ...(column.samples?.(lang) ?? [])],
      small: column.small ?? false,
      flexible: (column.maxLines ?? 1) >= 3,
    })),
  );
  layout.beginTable(
    columns.map((column, i) => ({
      title: column.title[lang],
      width: widths[i] ?? 0,
      align: column.kind === 'number' ? 'right' : 'left',
      maxLines: column.maxLines ?? (column.kind === 'datetime' ? 2 : 1),
      small: column.small ?? false,
    })),
  );
  let count = 0;
  for await (const row of rows) {
    layout.row(columns.map((column) => printed(column.kind, column.value(row, lang))));
    summary?.add(row);
    count += 1;
    if (count % DRAIN_EVERY === 0) await canvas.drain();
  }
  layout.endTable();
  if (count === 0) layout.note(TEXT.noRecords[lang]);
  if (summary) {
    layout.heading(TEXT.summaryHeading[lang]);
    dimensionTable(job, layout, summary.result(), 'status');
  } else {
    layout.heading(`${TEXT.total[lang]}${lang === 'zh-HK' ? '：' : ': '}${countLabel(count, lang)}`);
  }
  return count;
}

function summaryBody(job: ReportJob, layout: ReportLayout, summary: Summary): void {
  const { lang } = job.request;
  layout.heading(TEXT.byCombination[lang]);
  const [subject, type, level, priority, status, count] = layout.widths([26, 15, 14, 12, 18, 15]);
  const column = (title: string, width = 0, align: TableColumn['align'] = 'left'): TableColumn => ({
    title,
    width,
    align,
    maxLines: 2,
  });
  const tables = summary.dimensions.map((d) => d.table);
  layout.beginTable([
    column(tables[0]?.title[lang] ?? '', subject),
    column(tables[1]?.title[lang] ?? '', type),
    column(tables[2]?.title[lang] ?? '', level),
    column(tables[3]?.title[lang] ?? '', priority),
    column(tables[4]?.title[lang] ?? '', status),
    column(TEXT.messages[lang], count, 'right'),
  ]);
  let current: string | null = null;
  let subtotal = 0;
  let groupsInSubject = 0;
  // A subtotal repeats the only row above it when a subject has one combination: left out then.
  const closeSubject = () => {
    if (current === null || groupsInSubject < 2) return;
    layout.row(['', '', '', '', TEXT.subtotal[lang], subtotal.toLocaleString('en')], {
      style: 'bold',
      shade: 0.93,
    });
  };
  for (const group of summary.groups) {
    if (group.key.subject !== current) {
      closeSubject();
      current = group.key.subject;
      subtotal = 0;
      groupsInSubject = 0;
    }
    subtotal += group.count;
    groupsInSubject += 1;
    layout.row([
      ...summary.dimensions.map((d) => label(d.table, group.key[d.dimension], lang)),
      group.count.toLocaleString('en'),
    ]);
  }
  closeSubject();
  if (summary.total === 0) layout.row([TEXT.noRecords[lang], '', '', '', '', '0']);
  layout.row([TEXT.total[lang], '', '', '', '', summary.total.toLocaleString('en')], {
    style: 'bold',
    shade: 0.88,
    ruleAbove: true,
  });
  layout.endTable();
  for (const { dimension } of summary.dimensions) dimensionTable(job, layout, summary, dimension);
}

/** One dimension's counts with shares and a total row. */
function dimensionTable(
  job: ReportJob,
  layout: ReportLayout,
  summary: Summary,
  dimension: Summary['dimensions'][number]['dimension'],
): void {
  const { lang } = job.request;
  const counts = summary.dimensions.find((d) => d.dimension === dimension);
  if (!counts) return;
  layout.heading(byLabel(counts.table.title, lang));
  const [name, count, share] = layout.widths([60, 20, 20]);
  layout.beginTable([
    { title: counts.table.title[lang], width: name ?? 0, align: 'left', maxLines: 2 },
    { title: TEXT.messages[lang], width: count ?? 0, align: 'right', maxLines: 1 },
    { title: lang === 'zh-HK' ? '百分比' : 'Share', width: share ?? 0, align: 'right', maxLines: 1 },
  ]);
  for (const entry of counts.counts) {
    layout.row([
      label(counts.table, entry.code, lang),
      entry.count.toLocaleString('en'),
      percent(entry.count, summary.total),
    ]);
  }
  layout.row([TEXT.total[lang], summary.total.toLocaleString('en'), percent(summary.total, summary.total)], {
    style: 'bold',
    shade: 0.88,
    ruleAbove: true,
  });
  layout.endTable();
}
