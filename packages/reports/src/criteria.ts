/**
 * The boundary of every report request (CLI, API, web UI): the shape is checked with zod, then each
 * criterion against the report and the code tables, so a bad request names its fault and no row is
 * read. Days are Hong Kong calendar days, both ends included (SPEC §11).
 */
import { z } from 'zod';
import { AppError, SUBJECTS, parseCode, type Lang } from '@cds/domain';
import { statusTableOf } from './columns.js';
import { REPORT_SLUGS, isReportSlug, reportDefinition, type ReportDefinition } from './definitions.js';
import { DAY_MS, hongKongDayStart } from './hk-time.js';

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportRequestSchema = z.object({
  slug: z.string(),
  from: z.string(),
  to: z.string(),
  statuses: z.array(z.string()).optional(),
  subjects: z.array(z.string()).optional(),
  lang: z.enum(['zh-HK', 'en']).optional(),
  format: z.string(),
});
export type ReportRequest = z.input<typeof reportRequestSchema>;

export interface ValidReportRequest {
  readonly definition: ReportDefinition;
  readonly fromDay: string;
  readonly toDay: string;
  /** Epoch ms [from, to); `to` never later than the generation time, so both PDF passes agree. */
  readonly range: { readonly from: number; readonly to: number };
  readonly statuses: readonly string[];
  readonly subjects: readonly string[];
  readonly lang: Lang;
  readonly format: ReportFormat;
}

const FIELD_LABELS = {
  from: { 'zh-HK': '開始', en: 'start' },
  to: { 'zh-HK': '結束', en: 'end' },
} as const;

function dayStart(field: 'from' | 'to', value: string): number {
  const start = hongKongDayStart(value);
  if (start === null) {
    throw new AppError('report.invalid_date', {
      field: FIELD_LABELS[field].en,
      fieldLabel: FIELD_LABELS[field]['zh-HK'],
      value,
    });
  }
  return start;
}

function unsupported(slug: string, criterion: 'status' | 'subject'): AppError {
  return new AppError('report.criterion_not_supported', {
    slug,
    criterion,
    criterionLabel: criterion === 'status' ? '狀況' : '科目',
  });
}

export function validateReportRequest(input: unknown, now: number): ValidReportRequest {
  const parsed = reportRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation.failed', {
      detail: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    });
  }
  const request = parsed.data;
  if (!isReportSlug(request.slug)) {
    throw new AppError('report.unknown_slug', { slug: request.slug, slugs: REPORT_SLUGS.join(', ') });
  }
  const definition = reportDefinition(request.slug);
  if (!(REPORT_FORMATS as readonly string[]).includes(request.format)) {
    throw new AppError('report.unsupported_format', { format: request.format });
  }
  const from = dayStart('from', request.from);
  const to = dayStart('to', request.to);
  if (from > to) throw new AppError('report.date_range_reversed', { from: request.from, to: request.to });

  const statuses = [...new Set(request.statuses ?? [])];
  const subjects = [...new Set(request.subjects ?? [])];
  if (definition.source === 'keyChanges') {
    if (statuses.length > 0) throw unsupported(definition.slug, 'status');
    if (subjects.length > 0) throw unsupported(definition.slug, 'subject');
  } else {
    const table = statusTableOf(definition.box);
    for (const status of statuses) parseCode(table, status);
    for (const subject of subjects) parseCode(SUBJECTS, subject);
  }
  return {
    definition,
    fromDay: request.from,
    toDay: request.to,
    range: { from, to: Math.max(from, Math.min(to + DAY_MS, now + 1)) },
    statuses,
    subjects,
    lang: request.lang ?? 'zh-HK',
    format: request.format as ReportFormat,
  };
}
