/**
 * The nine CDS reports of SPEC §6 (聯遞系統報告), with the names the training material uses. A list
 * report prints one row per message (or key change) and ends with totals; a summary report prints
 * the counts grouped by subject, type, encryption level, priority and status, with subtotals and
 * totals. Which rows and which date each report ranges over is its dataset (report-ports.ts).
 */
import type { Labels, ReportMessageDataset } from '@cds/domain';
import {
  KEY_CHANGE_COLUMNS,
  MESSAGE_COLUMNS as C,
  type KeyChangeColumn,
  type MessageColumn,
} from './columns.js';

export const REPORT_SLUGS = [
  'daily-incoming',
  'incoming-summary',
  'daily-outgoing',
  'outgoing-summary',
  'exported-summary',
  'imported-summary',
  'key-history',
  'outgoing-processing',
  'uploaded-summary',
] as const;
export type ReportSlug = (typeof REPORT_SLUGS)[number];

interface Common {
  readonly slug: ReportSlug;
  readonly title: Labels;
  /** What the date range applies to, printed next to the period. */
  readonly dateMeaning: Labels;
}

export interface MessageReportDefinition extends Common {
  readonly source: 'messages';
  readonly kind: 'list' | 'summary';
  readonly dataset: ReportMessageDataset;
  readonly box: 'outgoing' | 'incoming';
  /** List reports only. */
  readonly columns: readonly MessageColumn[];
}

export interface KeyChangeReportDefinition extends Common {
  readonly source: 'keyChanges';
  readonly kind: 'list';
  readonly columns: readonly KeyChangeColumn[];
}

export type ReportDefinition = MessageReportDefinition | KeyChangeReportDefinition;

const summary = (
  slug: ReportSlug,
  title: Labels,
  dataset: ReportMessageDataset,
  dateMeaning: Labels,
): MessageReportDefinition => ({
  slug,
  title,
  source: 'messages',
  kind: 'summary',
  dataset,
  box: dataset.startsWith('outgoing') ? 'outgoing' : 'incoming',
  dateMeaning,
  columns: [],
});

const CREATED = { 'zh-HK': '製作日期', en: 'created' } as const;
const RECEIVED_HERE = { 'zh-HK': '接收日期', en: 'received' } as const;

export const REPORTS: readonly ReportDefinition[] = [
  {
    slug: 'daily-incoming',
    title: { 'zh-HK': '每日收到的接收訊息清單', en: 'Daily list of incoming messages received' },
    source: 'messages',
    kind: 'list',
    dataset: 'incoming.received',
    box: 'incoming',
    dateMeaning: RECEIVED_HERE,
    columns: [
      C.at({ 'zh-HK': '接收時間', en: 'Received' }),
      C.parties({ 'zh-HK': '寄件者', en: 'From' }),
      C.subject,
      C.type,
      C.description,
      C.priority,
      C.level,
      C.status,
      C.decryptedAt,
      C.id,
    ],
  },
  summary(
    'incoming-summary',
    { 'zh-HK': '接收訊息撮要', en: 'Incoming message summary' },
    'incoming.received',
    RECEIVED_HERE,
  ),
  {
    slug: 'daily-outgoing',
    title: { 'zh-HK': '每日製作的寄發訊息清單', en: 'Daily list of outgoing messages created' },
    source: 'messages',
    kind: 'list',
    dataset: 'outgoing.created',
    box: 'outgoing',
    dateMeaning: CREATED,
    columns: [
      C.at({ 'zh-HK': '製作時間', en: 'Created' }),
      C.parties({ 'zh-HK': '收件者', en: 'To' }),
      C.subject,
      C.type,
      C.description,
      C.priority,
      C.level,
      C.status,
      C.owner,
      C.id,
    ],
  },
  summary(
    'outgoing-summary',
    { 'zh-HK': '寄發訊息撮要', en: 'Outgoing message summary' },
    'outgoing.created',
    CREATED,
  ),
  summary(
    'exported-summary',
    { 'zh-HK': '已匯出訊息撮要', en: 'Exported message summary' },
    'outgoing.exported',
    { 'zh-HK': '匯出日期', en: 'exported' },
  ),
  summary(
    'imported-summary',
    { 'zh-HK': '已匯入訊息撮要', en: 'Imported message summary' },
    'incoming.bundled',
    { 'zh-HK': '匯入日期', en: 'imported' },
  ),
  {
    slug: 'key-history',
    title: { 'zh-HK': '密碼匙更改紀錄清單', en: 'School Key change history' },
    source: 'keyChanges',
    kind: 'list',
    dateMeaning: { 'zh-HK': '更改日期', en: 'changed' },
    columns: KEY_CHANGE_COLUMNS,
  },
  {
    slug: 'outgoing-processing',
    title: { 'zh-HK': '寄發訊息處理清單', en: 'Outgoing message processing list' },
    source: 'messages',
    kind: 'list',
    dataset: 'outgoing.updated',
    box: 'outgoing',
    dateMeaning: { 'zh-HK': '最後處理日期', en: 'last processed' },
    columns: [
      C.at({ 'zh-HK': '最後處理時間', en: 'Last processed' }),
      C.parties({ 'zh-HK': '收件者', en: 'To' }),
      C.description,
      C.status,
      C.sealedAt,
      C.sentAt,
      C.receivedAt,
      C.attempts,
      C.lastError,
      C.id,
    ],
  },
  summary(
    'uploaded-summary',
    { 'zh-HK': '已上載訊息撮要', en: 'Uploaded message summary' },
    'outgoing.uploaded',
    { 'zh-HK': '上載日期', en: 'uploaded' },
  ),
];

export function isReportSlug(value: unknown): value is ReportSlug {
  return typeof value === 'string' && (REPORT_SLUGS as readonly string[]).includes(value);
}

export function reportDefinition(slug: ReportSlug): ReportDefinition {
  const found = REPORTS.find((report) => report.slug === slug);
  if (!found) throw new Error(`no definition for ${slug}`);
  return found;
}
