/**
 * The consumers' pure rules (SPEC §8, §4): what each reads from a decrypted incoming file.
 * - `tsa.parameters`: the HKEAA/EDB TSA parameter file (subject TSA, type PAR), one sitting per row;
 *   good rows are taken and bad ones reported (a partial import is IMPORTED with exceptions).
 * - `sys.version`: a school's version message at EDB (subject SYS, type VER, `version.json`).
 * - `student.formA`: a school's Form A at EDB (subject STU, type SUB).
 */
import { reportOf, type ConsumerRule, type ImportReport, type RowProblem } from './contract.js';
import { decodeUtf8Lines, parseCsv, recordsByHeader } from './csv.js';
import { FORM_A_FILE_NAME, FORM_A_MODULE, readFormA, type FormARow } from './student/form-a.js';
import { CLASS_LEVELS, parseDay } from './student/student.js';

export const TSA_COLUMNS = ['level', 'subject', 'paper', 'date', 'duration_minutes'] as const;

export interface TsaParameter {
  readonly row: number;
  readonly level: string;
  readonly subject: string;
  readonly paper: string;
  readonly date: string;
  readonly durationMinutes: number;
}

export const TSA_PARAMETERS: ConsumerRule<TsaParameter> = {
  module: 'tsa.parameters',
  subject: 'TSA',
  type: 'PAR',
  matches: (name) => name.toLowerCase().endsWith('.csv'),
  read(bytes) {
    const decoded = decodeUtf8Lines(bytes);
    if (decoded.problems.length > 0) return { records: [], problems: decoded.problems };
    const csv = parseCsv(decoded.text);
    const { header, rows } = recordsByHeader(csv.records);
    const missing = TSA_COLUMNS.filter((column) => !header.includes(column));
    if (missing.length > 0) {
      return { records: [], problems: missing.map((column) => ({ row: 1, code: 'missing_column', column })) };
    }
    const problems: RowProblem[] = [...csv.problems];
    const records: TsaParameter[] = [];
    const seen = new Map<string, number>();
    for (const { line, values } of rows) {
      const get = (column: string) => values.get(column) ?? '';
      const before = problems.length;
      const level = get('level').toUpperCase();
      if (!(CLASS_LEVELS as readonly string[]).includes(level)) {
        problems.push({ row: line, code: 'bad_value', column: 'level', value: get('level') });
      }
      for (const column of ['subject', 'paper'] as const) {
        if (!/^[A-Z0-9_]{1,20}$/.test(get(column))) {
          problems.push({
            row: line,
            code: get(column) === '' ? 'missing_field' : 'bad_value',
            column,
            value: get(column),
          });
        }
      }
      const date = parseDay(get('date'));
      if (date === null) problems.push({ row: line, code: 'bad_date', column: 'date', value: get('date') });
      const minutes = Number(get('duration_minutes'));
      if (!/^\d{1,3}$/.test(get('duration_minutes')) || minutes < 1) {
        problems.push({
          row: line,
          code: 'bad_value',
          column: 'duration_minutes',
          value: get('duration_minutes'),
        });
      }
      const key = `${level}/${get('subject')}/${get('paper')}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push({ row: line, code: 'duplicate_in_file', value: key, first });
      if (problems.length > before) continue;
      seen.set(key, line);
      records.push({
        row: line,
        level,
        subject: get('subject'),
        paper: get('paper'),
        date: date as string,
        durationMinutes: minutes,
      });
    }
    return { records, problems };
  },
};

export interface VersionRecord {
  readonly scrn: string;
  readonly version: string;
  readonly upgradedAt: string;
}

export const SYS_VERSION: ConsumerRule<VersionRecord> = {
  module: 'sys.version',
  subject: 'SYS',
  type: 'VER',
  matches: (name) => name === 'version.json',
  read(bytes) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return { records: [], problems: [{ row: 0, code: 'not_json' }] };
    }
    const doc = parsed as Partial<Record<keyof VersionRecord, unknown>>;
    const problems: RowProblem[] = [];
    if (typeof doc.scrn !== 'string' || !/^\d{6}$/.test(doc.scrn))
      problems.push({ row: 0, code: 'bad_value', column: 'scrn' });
    if (typeof doc.version !== 'string' || doc.version === '' || doc.version.length > 64) {
      problems.push({ row: 0, code: 'bad_value', column: 'version' });
    }
    if (typeof doc.upgradedAt !== 'string' || Number.isNaN(Date.parse(doc.upgradedAt))) {
      problems.push({ row: 0, code: 'bad_value', column: 'upgradedAt' });
    }
    if (problems.length > 0) return { records: [], problems };
    return { records: [doc as VersionRecord], problems };
  },
};

export const FORM_A: ConsumerRule<FormARow & { readonly row: number }> = {
  module: FORM_A_MODULE,
  subject: 'STU',
  type: 'SUB',
  // STU/SUB carries other student returns too: only the Form A file is this module's.
  matches: (name) => name.toUpperCase() === FORM_A_FILE_NAME.toUpperCase(),
  read: (bytes) => readFormA(bytes),
};

/** Runs a rule over the attachment bytes (null: the message has no matching attachment). */
export function consume<R>(
  rule: ConsumerRule<R>,
  bytes: Uint8Array | null,
): { records: readonly R[]; report: ImportReport } {
  if (bytes === null) {
    return { records: [], report: reportOf(rule.module, [], [{ row: 0, code: 'no_attachment' }]) };
  }
  const { records, problems } = rule.read(bytes);
  const report = reportOf(rule.module, records, problems);
  return { records: report.outcome === 'IMPORTED' ? records : [], report };
}
