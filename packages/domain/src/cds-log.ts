/**
 * 聯遞系統紀錄 (SPEC §4): one plain-text file per Hong Kong calendar day on which a cycle ran,
 * `CDS_yyyyMMdd.log`, one line per event: each cycle's trigger and user, start and end, every message
 * sent, received or failed with its reason, and the totals. Lines are tab-separated so a person can read
 * them and the node can parse them back for the UI; they never carry secrets (only codes, ids, parties).
 */
import type { Readable } from 'node:stream';

/** One line of the log. */
export interface CdsLogEntry {
  /** UTC epoch ms; written as Hong Kong time. */
  readonly at: number;
  readonly cycleId: string;
  /** `start`, `end`, or the cycle step (directory, upload, acceptance, download, receipt). */
  readonly action: string;
  readonly messageId: string | null;
  /** The trigger on `start`, completed/stopped/failed on `end`, otherwise the message's outcome. */
  readonly result: string;
  /** The error code behind a failure, refusal or retry. */
  readonly code: string | null;
  /** The user on `start`, the totals on `end`, the party or a note otherwise. */
  readonly detail: string | null;
}

/** Appends lines durably to the day file of each line's Hong Kong day. */
export interface CdsLogWriter {
  append(entries: readonly CdsLogEntry[]): Promise<void>;
}

export interface CdsLogDay {
  /** Hong Kong day, YYYY-MM-DD. */
  readonly date: string;
  readonly file: string;
  readonly size: number;
}

/** Reading the logs back (list, show, search, download). */
export interface CdsLogReader {
  /** Every day with a log, newest first. */
  days(): Promise<readonly CdsLogDay[]>;
  /** The day's lines in order; `log.not_found` when that day has no log. */
  lines(date: string): AsyncIterable<string>;
  /** The file's bytes, for a download; `log.not_found` when absent. */
  open(date: string): Promise<{ readonly size: number; readonly stream: Readable }>;
}

const HK_OFFSET_MS = 8 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FILE = /^CDS_(\d{4})(\d{2})(\d{2})\.log$/;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-03-02T08:00:00.123+08:00`: Hong Kong wall time with its offset, so nobody has to guess. */
export function hongKongTimestamp(at: number): string {
  const local = new Date(at + HK_OFFSET_MS);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `.${pad(local.getUTCMilliseconds(), 3)}+08:00`
  );
}

/** The Hong Kong day (YYYY-MM-DD) of an instant. */
export function hongKongDate(at: number): string {
  return hongKongTimestamp(at).slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (so 2026-02-30 is refused). */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function cdsLogFileName(date: string): string {
  return `CDS_${date.replaceAll('-', '')}.log`;
}

/** The date of a `CDS_yyyyMMdd.log` name; null for any other file in the logs folder. */
export function dateOfCdsLogFile(name: string): string | null {
  const match = FILE.exec(name);
  if (!match) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isCalendarDate(date) ? date : null;
}

/** Tabs and line breaks inside a field would split the line; they become spaces. */
function field(value: string | null): string {
  return value === null || value === '' ? '-' : value.replace(/[\t\r\n]+/g, ' ');
}

export function formatCdsLogLine(entry: CdsLogEntry): string {
  return [
    hongKongTimestamp(entry.at),
    entry.cycleId,
    entry.action,
    entry.messageId,
    entry.result,
    entry.code,
    entry.detail,
  ]
    .map((value) => field(value))
    .join('\t');
}

/** The entry a line was written from; null for a line this format did not write. */
export function parseCdsLogLine(line: string): CdsLogEntry | null {
  const parts = line.split('\t');
  if (parts.length !== 7) return null;
  const [time, cycleId, action, messageId, result, code, detail] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const at = Date.parse(time);
  if (!Number.isFinite(at)) return null;
  const orNull = (value: string): string | null => (value === '-' ? null : value);
  return {
    at,
    cycleId,
    action,
    messageId: orNull(messageId),
    result,
    code: orNull(code),
    detail: orNull(detail),
  };
}
