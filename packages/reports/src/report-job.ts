/**
 * One report to produce: the validated request plus who asks, for which participant, when, and
 * where its rows come from. Both renderers read it the same way, so the PDF and the XLSX of one
 * request always hold the same rows and the same totals.
 */
import {
  AGENCIES,
  SUBJECTS,
  isAgencyCode,
  label,
  type Lang,
  type ReportKeyChangeRow,
  type ReportMessageRow,
  type ReportSource,
} from '@cds/domain';
import type { CellValue, ColumnKind } from './columns.js';
import { statusTableOf } from './columns.js';
import type { ValidReportRequest } from './criteria.js';
import { formatHongKongDateTime, printedDay } from './hk-time.js';
import { TEXT } from './text.js';

export interface ReportParty {
  readonly code: string;
  /** The school's name as it should be printed; null prints the code alone. */
  readonly name: string | null;
}

export interface ReportJob {
  readonly request: ValidReportRequest;
  readonly party: ReportParty;
  /** Who asked (printed in the footer). */
  readonly user: string;
  readonly generatedAt: number;
  readonly source: ReportSource;
}

export function messageRows(job: ReportJob): AsyncIterable<ReportMessageRow> {
  const { definition, range, statuses, subjects } = job.request;
  if (definition.source !== 'messages') throw new Error(`${definition.slug} does not list messages`);
  return job.source.messages({ dataset: definition.dataset, ...range, statuses, subjects });
}

export function keyChangeRows(job: ReportJob): AsyncIterable<ReportKeyChangeRow> {
  return job.source.keyChanges(job.request.range);
}

/** "示範中學" / "EDB 教育局" / the code when no name is known. */
export function partyName(party: ReportParty, lang: Lang): string {
  if (party.name) return party.name;
  if (isAgencyCode(party.code)) return label(AGENCIES, party.code, lang);
  return `${TEXT.school[lang]} ${party.code}`;
}

export function partyCodeLine(party: ReportParty, lang: Lang): string {
  const what = isAgencyCode(party.code) ? TEXT.agency : TEXT.schoolCode;
  return `${what[lang]}${lang === 'zh-HK' ? '：' : ': '}${party.code}`;
}

/** The criteria line under the title: period (and what it applies to), status, subject. */
export function criteriaLine(job: ReportJob): string {
  const { definition, fromDay, toDay, statuses, subjects, lang } = job.request;
  const colon = lang === 'zh-HK' ? '：' : ': ';
  const gap = lang === 'zh-HK' ? '　　' : '     ';
  const dateTitle =
    lang === 'zh-HK' ? definition.dateMeaning['zh-HK'] : `${TEXT.period.en} (${definition.dateMeaning.en})`;
  const parts = [`${dateTitle}${colon}${printedDay(fromDay)} ${TEXT.through[lang]} ${printedDay(toDay)}`];
  if (definition.source === 'messages') {
    const list = (codes: readonly string[], name: (code: string) => string) =>
      codes.length === 0 ? TEXT.all[lang] : codes.map(name).join(lang === 'zh-HK' ? '、' : ', ');
    const statusTable = statusTableOf(definition.box);
    parts.push(`${TEXT.status[lang]}${colon}${list(statuses, (code) => label(statusTable, code, lang))}`);
    parts.push(`${TEXT.subject[lang]}${colon}${list(subjects, (code) => label(SUBJECTS, code, lang))}`);
  }
  return parts.join(gap);
}

export function footerLine(job: ReportJob): string {
  const { lang } = job.request;
  const colon = lang === 'zh-HK' ? '：' : ': ';
  const gap = lang === 'zh-HK' ? '　　' : '     ';
  return `${TEXT.printed[lang]}${colon}${formatHongKongDateTime(job.generatedAt)}${gap}${TEXT.user[lang]}${colon}${job.user}`;
}

/** A cell's printed text. */
export function printed(kind: ColumnKind, value: CellValue): string {
  if (value === null) return '';
  if (kind === 'datetime' && typeof value === 'number') return formatHongKongDateTime(value);
  if (typeof value === 'number') return value.toLocaleString('en');
  return value;
}

export function percent(count: number, total: number): string {
  return total === 0 ? '—' : `${((count / total) * 100).toFixed(1)}%`;
}
