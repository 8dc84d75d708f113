/** @cds/reports: the nine CDS reports of SPEC §6 in PDF and XLSX. */
export {
  generateReport,
  type ReportActor,
  type ReportDeps,
  type ReportDownload,
  type ReportOutcome,
} from './generate-report.js';
export {
  REPORTS,
  REPORT_SLUGS,
  isReportSlug,
  reportDefinition,
  type ReportDefinition,
  type ReportSlug,
} from './definitions.js';
export {
  REPORT_FORMATS,
  reportRequestSchema,
  validateReportRequest,
  type ReportFormat,
  type ReportRequest,
} from './criteria.js';
export type { ReportParty } from './report-job.js';
export { loadReportFonts, DEFAULT_FONT_DIR, type FontOptions, type ReportFonts } from './pdf/fonts.js';
export { escapeCellText } from './xlsx/escape.js';
export { generateReportInChild, REPORT_PROCESS_FLAGS } from './process/generate-report-in-child.js';
export type { ChildReportJob } from './process/child-protocol.js';
