/**
 * Columns of the list reports. A column yields a typed value (text already labelled in the report's
 * language, epoch ms for a time, a number), so the PDF formats it for print and the XLSX stores a
 * real date or number in its cell.
 */
import {
  AGENCIES,
  ENCRYPTION_LEVEL_TABLE,
  INCOMING_STATUS_TABLE,
  MESSAGE_TYPES,
  OUTGOING_STATUS_TABLE,
  PRIORITY_TABLE,
  SUBJECTS,
  isAgencyCode,
  label,
  storedReasonText,
  type CodeTable,
  type Labels,
  type Lang,
  type ReportKeyChangeRow,
  type ReportMessageRow,
} from '@cds/domain';

export type ColumnKind = 'text' | 'datetime' | 'number';
export type CellValue = string | number | null;

export interface Column<Row> {
  readonly key: string;
  readonly title: Labels;
  readonly kind: ColumnKind;
  /** Printed width in points on A4 landscape; the table scales all columns to fit the page. */
  readonly weight: number;
  /** Lines a long value may wrap to in print before it is cut with an ellipsis. */
  readonly maxLines?: number;
  /** Printed one size smaller (identifiers). */
  readonly small?: boolean;
  /** Spreadsheet column width in characters. */
  readonly xlsxWidth: number;
  /**
   * Every text the column can show when it is a closed set (code labels), or a typical value of
   * fixed form (times, ids): the printed table keeps the column wide enough that none of their
   * words is ever split.
   */
  samples?(lang: Lang): readonly string[];
  value(row: Row, lang: Lang): CellValue;
}

const labelsOf = (table: CodeTable<string>, lang: Lang): string[] =>
  table.entries.map((entry) => entry[lang]);
const SAMPLE_TIME = ['28/11/2026 10:15'];
/** The widest id there can be: 'd' is the widest hex digit in Noto Sans. */
const SAMPLE_ID = ['dddddddd-dddd-7ddd-bddd-dddddddddddd'];

export type MessageColumn = Column<ReportMessageRow>;
export type KeyChangeColumn = Column<ReportKeyChangeRow>;

/** Agencies by name in Chinese and by their usual abbreviation in English; schools by code. */
export function partyLabel(code: string, lang: Lang): string {
  if (lang === 'zh-HK' && isAgencyCode(code)) return label(AGENCIES, code, lang);
  return code;
}

export function statusTableOf(box: 'outgoing' | 'incoming'): CodeTable<string> {
  return box === 'outgoing' ? OUTGOING_STATUS_TABLE : INCOMING_STATUS_TABLE;
}

/** A time printed dd/MM/yyyy HH:mm: one line at 72 pt, date over time when narrower. */
const time = (
  key: string,
  title: Labels,
  pick: (row: ReportMessageRow) => number | null,
  weight = 72,
): MessageColumn => ({
  key,
  title,
  kind: 'datetime',
  weight,
  maxLines: 2,
  xlsxWidth: 17,
  samples: () => SAMPLE_TIME,
  value: pick,
});

export const MESSAGE_COLUMNS = {
  at: (title: Labels) => time('at', title, (row) => row.at),
  parties: (title: Labels): MessageColumn => ({
    key: 'parties',
    title,
    kind: 'text',
    weight: 50,
    maxLines: 2,
    xlsxWidth: 14,
    samples: (lang) => [...AGENCIES.entries.map((entry) => partyLabel(entry.code, lang)), '123456'],
    value: (row, lang) => row.parties.map((party) => partyLabel(party, lang)).join(', '),
  }),
  subject: {
    key: 'subject',
    title: SUBJECTS.title,
    kind: 'text',
    weight: 75,
    maxLines: 2,
    xlsxWidth: 22,
    samples: (lang) => labelsOf(SUBJECTS, lang),
    value: (row, lang) => label(SUBJECTS, row.subject, lang),
  } satisfies MessageColumn,
  type: {
    key: 'type',
    title: MESSAGE_TYPES.title,
    kind: 'text',
    weight: 44,
    maxLines: 3,
    xlsxWidth: 14,
    samples: (lang) => labelsOf(MESSAGE_TYPES, lang),
    value: (row, lang) => label(MESSAGE_TYPES, row.type, lang),
  } satisfies MessageColumn,
  description: {
    key: 'description',
    title: { 'zh-HK': '說明', en: 'Description' },
    kind: 'text',
    weight: 180,
    maxLines: 3,
    xlsxWidth: 48,
    value: (row) => row.description,
  } satisfies MessageColumn,
  priority: {
    key: 'priority',
    title: PRIORITY_TABLE.title,
    kind: 'text',
    weight: 38,
    xlsxWidth: 10,
    samples: (lang) => labelsOf(PRIORITY_TABLE, lang),
    value: (row, lang) => label(PRIORITY_TABLE, row.priority, lang),
  } satisfies MessageColumn,
  level: {
    key: 'encryptionLevel',
    title: ENCRYPTION_LEVEL_TABLE.title,
    kind: 'text',
    weight: 54,
    xlsxWidth: 12,
    samples: (lang) => labelsOf(ENCRYPTION_LEVEL_TABLE, lang),
    value: (row, lang) => label(ENCRYPTION_LEVEL_TABLE, row.encryptionLevel, lang),
  } satisfies MessageColumn,
  status: {
    key: 'status',
    title: { 'zh-HK': '狀況', en: 'Status' },
    kind: 'text',
    weight: 52,
    maxLines: 2,
    xlsxWidth: 14,
    samples: (lang) => [...labelsOf(OUTGOING_STATUS_TABLE, lang), ...labelsOf(INCOMING_STATUS_TABLE, lang)],
    value: (row, lang) => label(statusTableOf(row.box), row.status, lang),
  } satisfies MessageColumn,
  owner: {
    key: 'owner',
    title: { 'zh-HK': '製作者', en: 'Owner' },
    kind: 'text',
    weight: 44,
    maxLines: 2,
    xlsxWidth: 14,
    value: (row) => row.owner,
  } satisfies MessageColumn,
  sealedAt: time('sealedAt', { 'zh-HK': '加密時間', en: 'Sealed' }, (row) => row.sealedAt, 52),
  sentAt: time('sentAt', { 'zh-HK': '輸出時間', en: 'Sent' }, (row) => row.sentAt, 52),
  receivedAt: time('receivedAt', { 'zh-HK': '對方接收時間', en: 'Received' }, (row) => row.receivedAt, 52),
  decryptedAt: time('decryptedAt', { 'zh-HK': '解密時間', en: 'Decrypted' }, (row) => row.decryptedAt),
  attempts: {
    key: 'attempts',
    title: { 'zh-HK': '傳送次數', en: 'Attempts' },
    kind: 'number',
    weight: 34,
    xlsxWidth: 9,
    value: (row) => row.attempts,
  } satisfies MessageColumn,
  lastError: {
    key: 'lastError',
    title: { 'zh-HK': '錯誤或原因', en: 'Error or reason' },
    kind: 'text',
    weight: 120,
    maxLines: 3,
    xlsxWidth: 36,
    // A transmission failure is kept as its code: printed as the sentence in the report's language.
    value: (row, lang) => (row.lastError === null ? null : storedReasonText(row.lastError, lang)),
  } satisfies MessageColumn,
  id: {
    key: 'id',
    title: { 'zh-HK': '訊息編號', en: 'Message ID' },
    kind: 'text',
    weight: 133,
    maxLines: 2,
    small: true,
    xlsxWidth: 38,
    samples: () => SAMPLE_ID,
    value: (row) => row.id,
  } satisfies MessageColumn,
} as const;

export const KEY_CHANGE_COLUMNS: readonly KeyChangeColumn[] = [
  {
    key: 'at',
    title: { 'zh-HK': '更改時間', en: 'Changed' },
    kind: 'datetime',
    weight: 72,
    maxLines: 2,
    xlsxWidth: 17,
    samples: () => SAMPLE_TIME,
    value: (row) => row.at,
  },
  {
    key: 'user',
    title: { 'zh-HK': '使用者', en: 'User' },
    kind: 'text',
    weight: 70,
    maxLines: 2,
    xlsxWidth: 16,
    value: (row) => row.user,
  },
  {
    key: 'kid',
    title: { 'zh-HK': '密碼匙編號', en: 'Key ID' },
    kind: 'text',
    weight: 84,
    maxLines: 2,
    small: true,
    xlsxWidth: 20,
    value: (row) => row.kid,
  },
  {
    key: 'fingerprint',
    title: { 'zh-HK': '密碼匙指紋', en: 'Fingerprint' },
    kind: 'text',
    weight: 236,
    maxLines: 2,
    small: true,
    xlsxWidth: 48,
    value: (row) => row.fingerprint,
  },
  {
    key: 'validFrom',
    title: { 'zh-HK': '有效期由', en: 'Valid from' },
    kind: 'datetime',
    weight: 72,
    maxLines: 2,
    xlsxWidth: 17,
    samples: () => SAMPLE_TIME,
    value: (row) => row.validFrom,
  },
  {
    key: 'validTo',
    title: { 'zh-HK': '有效期至', en: 'Valid to' },
    kind: 'datetime',
    weight: 72,
    maxLines: 2,
    xlsxWidth: 17,
    samples: () => SAMPLE_TIME,
    value: (row) => row.validTo,
  },
  {
    key: 'reason',
    title: { 'zh-HK': '原因', en: 'Reason' },
    kind: 'text',
    weight: 164,
    maxLines: 3,
    xlsxWidth: 36,
    value: (row) => row.reason,
  },
];
