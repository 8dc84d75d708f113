/**
 * Code tables (SPEC §3): data, not code, so the UI, the reports and the CLI label a code the same
 * way in both languages. Every table has one shape (CodeTable) so one helper labels them all and one
 * test checks them all; the machines and the rights matrix reuse the shape for their own labels.
 */
import { AppError, type Lang } from './errors.js';
import {
  ENCRYPTION_LEVELS,
  INCOMING_STATUSES,
  OUTGOING_STATUSES,
  PRIORITIES,
  type EncryptionLevel,
  type IncomingStatus,
  type OutgoingStatus,
  type Priority,
} from './model.js';

export interface Labels {
  readonly 'zh-HK': string;
  readonly en: string;
}

export interface CodeEntry<C extends string> extends Labels {
  readonly code: C;
}

export interface CodeTable<C extends string> {
  /** Stable id of the table, used in error details and by callers that pick a table by name. */
  readonly name: string;
  readonly title: Labels;
  readonly entries: readonly CodeEntry<C>[];
}

/** The code union of a table declared `as const`. */
export type CodeOf<T> = T extends CodeTable<infer C> ? C : never;

/**
 * Builds a table from a code list owned elsewhere (model.ts) and a label record keyed by it, so the
 * compiler refuses a status without labels and the table keeps the model's order.
 */
export function tableFrom<C extends string>(
  name: string,
  title: Labels,
  codes: readonly C[],
  labels: Readonly<Record<C, Labels>>,
): CodeTable<C> {
  return { name, title, entries: codes.map((code) => ({ code, ...labels[code] })) };
}

export const SUBJECTS = {
  name: 'subject',
  title: { 'zh-HK': '科目', en: 'Subject' },
  entries: [
    { code: 'SCH', 'zh-HK': '學校資料', en: 'School information' },
    { code: 'STU', 'zh-HK': '學生資料', en: 'Student information' },
    { code: 'ATT', 'zh-HK': '學生出席', en: 'Student attendance' },
    {
      code: 'TSA',
      'zh-HK': '香港學科測驗/全港性系統評估',
      en: 'Hong Kong Attainment Test / Territory-wide System Assessment',
    },
    { code: 'SPA', 'zh-HK': '學位分配', en: 'School places allocation' },
    { code: 'APL', 'zh-HK': '應用學習', en: 'Applied Learning' },
    { code: 'DSE', 'zh-HK': '香港中學文憑試', en: 'Hong Kong Diploma of Secondary Education Examination' },
    { code: 'FIN', 'zh-HK': '財務報告', en: 'Financial reports' },
    { code: 'SFO', 'zh-HK': '學生資助處', en: 'Student Finance Office' },
    { code: 'HEI', 'zh-HK': '申請大專院校', en: 'Applications to post-secondary institutions' },
    // The original showed ESDA as both code and description; the full name helps new users.
    {
      code: 'ESDA',
      'zh-HK': 'ESDA（學校發展與問責平台）',
      en: 'ESDA (E-platform for School Development and Accountability)',
    },
    { code: 'SYS', 'zh-HK': '系統', en: 'System (version, registration)' },
    { code: 'GEN', 'zh-HK': '一般', en: 'General' },
  ],
} as const satisfies CodeTable<string>;
export type SubjectCode = CodeOf<typeof SUBJECTS>;

export const MESSAGE_TYPES = {
  name: 'messageType',
  title: { 'zh-HK': '類別', en: 'Type' },
  entries: [
    { code: 'SUB', 'zh-HK': '呈交', en: 'Submission' },
    { code: 'RPL', 'zh-HK': '回覆', en: 'Reply' },
    { code: 'PAR', 'zh-HK': '參數檔案', en: 'Parameter file' },
    { code: 'RES', 'zh-HK': '結果檔案', en: 'Result / allocation file' },
    { code: 'CIR', 'zh-HK': '通告', en: 'Notice' },
    { code: 'VER', 'zh-HK': '版本', en: 'Version' },
    { code: 'REG', 'zh-HK': '註冊', en: 'Registration' },
  ],
} as const satisfies CodeTable<string>;
export type MessageTypeCode = CodeOf<typeof MESSAGE_TYPES>;

export const PRIORITY_TABLE: CodeTable<Priority> = tableFrom(
  'priority',
  { 'zh-HK': '優先次序', en: 'Priority' },
  PRIORITIES,
  { NORMAL: { 'zh-HK': '普通', en: 'Normal' }, URGENT: { 'zh-HK': '緊急', en: 'Urgent' } },
);

export const ENCRYPTION_LEVEL_TABLE: CodeTable<EncryptionLevel> = tableFrom(
  'encryptionLevel',
  { 'zh-HK': '加密級別', en: 'Encryption level' },
  ENCRYPTION_LEVELS,
  {
    RESTRICTED: { 'zh-HK': '受限制', en: 'Restricted' },
    CONFIDENTIAL: { 'zh-HK': '機密', en: 'Confidential' },
  },
);

export const OUTGOING_STATUS_TABLE: CodeTable<OutgoingStatus> = tableFrom(
  'outgoingStatus',
  { 'zh-HK': '寄發訊息狀況', en: 'Outgoing message status' },
  OUTGOING_STATUSES,
  {
    READY: { 'zh-HK': '可輸出', en: 'Ready' },
    PROCESSING: { 'zh-HK': '處理中', en: 'Processing' },
    SENT: { 'zh-HK': '已輸出', en: 'Sent' },
    RECEIVED: { 'zh-HK': '已接收', en: 'Received' },
    SEND_FAIL: { 'zh-HK': '輸送失敗', en: 'Send failed' },
    REJECTED: { 'zh-HK': '已拒絕', en: 'Rejected' },
  },
);

export const INCOMING_STATUS_TABLE: CodeTable<IncomingStatus> = tableFrom(
  'incomingStatus',
  { 'zh-HK': '接收訊息狀況', en: 'Incoming message status' },
  INCOMING_STATUSES,
  {
    ENCRYPTED: { 'zh-HK': '已加密', en: 'Encrypted' },
    DECRYPTED: { 'zh-HK': '已解密', en: 'Decrypted' },
    DECRYPT_FAIL: { 'zh-HK': '解密失敗', en: 'Decryption failed' },
    IMPORTED: { 'zh-HK': '已匯入', en: 'Imported' },
    IMPORT_FAIL: { 'zh-HK': '匯入失敗', en: 'Import failed' },
  },
);

export function codesOf<C extends string>(table: CodeTable<C>): readonly C[] {
  return table.entries.map((entry) => entry.code);
}

export function isCode<C extends string>(table: CodeTable<C>, value: unknown): value is C {
  return typeof value === 'string' && table.entries.some((entry) => entry.code === value);
}

/** For input from outside (HTTP, CLI, a peer's header): the value, typed, or `code.unknown`. */
export function parseCode<C extends string>(table: CodeTable<C>, value: unknown): C {
  if (isCode(table, value)) return value;
  throw new AppError('code.unknown', { table: table.name, code: String(value) });
}

/**
 * The label of a code. An unknown code yields the code itself rather than an error: a newer peer
 * may send a subject this node has no label for, and a list must still render.
 */
export function label<C extends string>(table: CodeTable<C>, code: C | (string & {}), lang: Lang): string {
  const entry = table.entries.find((candidate) => candidate.code === code);
  return entry === undefined ? code : entry[lang];
}
