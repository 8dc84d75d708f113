/**
 * 聯遞系統報告 (SPEC §6): the one use case behind `cds report` and the web UI's report screen.
 * It authorises (report right, SPEC §7), validates the request, and returns what to send: a file
 * name, a media type and a `write` that streams the report into any writable (a file, an HTTP
 * reply) or a `stream()` to pipe. Nothing is read before the checks pass.
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { assertMayRunReport, type ReportSource } from '@cds/domain';
import { validateReportRequest, type ReportFormat } from './criteria.js';
import type { ReportParty } from './report-job.js';
import type { ReportFonts } from './pdf/fonts.js';

export interface ReportActor {
  /** Printed in the footer. */
  readonly name: string;
  readonly groups: readonly string[];
}

export interface ReportDeps {
  readonly source: ReportSource;
  readonly party: ReportParty;
  readonly now: () => number;
  /** Fonts for PDFs; by default Debian's Noto Sans CJK, loaded once per process. */
  readonly fonts?: () => Promise<ReportFonts>;
}

export interface ReportOutcome {
  readonly rows: number;
  /** PDF only. */
  readonly pages: number | null;
}

export interface ReportDownload {
  readonly slug: string;
  readonly format: ReportFormat;
  readonly filename: string;
  readonly mediaType: string;
  /** Streams the report into `sink` and ends it. */
  write(sink: Writable): Promise<ReportOutcome>;
  /** The report as a readable stream (for an HTTP reply); errors destroy the stream. */
  stream(): Readable;
}

const MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function generateReport(actor: ReportActor, request: unknown, deps: ReportDeps): ReportDownload {
  assertMayRunReport(actor.groups);
  const generatedAt = deps.now();
  const valid = validateReportRequest(request, generatedAt);
  const job = { request: valid, party: deps.party, user: actor.name, generatedAt, source: deps.source };
  const { slug } = valid.definition;
  const write = async (sink: Writable): Promise<ReportOutcome> => {
    // Each renderer loads its library only when asked for (exceljs alone takes ~0.6 s to load).
    if (valid.format === 'xlsx') {
      const { renderXlsx } = await import('./xlsx/render-xlsx.js');
      const { rows } = await renderXlsx(job, sink);
      return { rows, pages: null };
    }
    const [{ renderPdf }, { loadReportFonts }] = await Promise.all([
      import('./pdf/render-pdf.js'),
      import('./pdf/fonts.js'),
    ]);
    const fonts = await (deps.fonts ?? (() => loadReportFonts()))();
    return renderPdf(job, fonts, sink);
  };
  return {
    slug,
    format: valid.format,
    filename: `${slug}_${valid.fromDay.replaceAll('-', '')}-${valid.toDay.replaceAll('-', '')}_${valid.lang}.${valid.format}`,
    mediaType: MEDIA_TYPES[valid.format],
    write,
    stream() {
      const out = new PassThrough();
      write(out).catch((error: unknown) => out.destroy(error as Error));
      return out;
    },
  };
}
