/**
 * 表格 A – 學生離校 (Form A, student leaving): the file a school sends EDB (SPEC §8), and how EDB
 * reads it back. Format (docs/modules.md):
 *
 *   CDS-FORM-A,1,<school code>,<generated at, ISO 8601 UTC>,<record count>
 *   strn,name_en,name_zh,sex,date_of_birth,class_level,class_name,class_no,admission_date,leaving_date,leaving_reason,leaving_note
 *   A1234567,CHAN Tai Man,陳大文,M,2012-03-04,P6,6A,12,2018-09-01,2026-11-20,EMIGRATION,
 *
 * UTF-8 without BOM, CRLF, RFC 4180 quoting; the first record names the format and its version so
 * a later version can change the columns without EDB misreading an older file.
 */
import type { RowProblem } from '../contract.js';
import { csvLine, decodeUtf8Lines, parseCsv, recordsByHeader } from '../csv.js';
import { LEAVING_REASONS, parseDay, type Student } from './student.js';

export const FORM_A_MAGIC = 'CDS-FORM-A';
export const FORM_A_VERSION = 1;
export const FORM_A_FILE_NAME = 'FORM_A_STUDENT_LEAVING.csv';
export const FORM_A_MODULE = 'student.formA';

export const FORM_A_COLUMNS = [
  'strn',
  'name_en',
  'name_zh',
  'sex',
  'date_of_birth',
  'class_level',
  'class_name',
  'class_no',
  'admission_date',
  'leaving_date',
  'leaving_reason',
  'leaving_note',
] as const;

export type FormARow = Readonly<Record<(typeof FORM_A_COLUMNS)[number], string>>;

/** One line of the 預覽 validation report: a student left out of the file, and why. */
export interface FormAProblem {
  readonly studentId: string;
  readonly strn: string;
  readonly code:
    'leaving_date_missing' | 'leaving_reason_missing' | 'leaving_before_admission' | 'future_date';
}

/**
 * 預覽: which of the candidates (students who left and are not yet reported) go into the file,
 * and which are held back with a reason the school can fix in the register.
 */
export function checkFormA(
  candidates: readonly Student[],
  today: string,
): { included: readonly Student[]; problems: readonly FormAProblem[] } {
  const included: Student[] = [];
  const problems: FormAProblem[] = [];
  for (const student of candidates) {
    const held = (code: FormAProblem['code']) =>
      problems.push({ studentId: student.id, strn: student.strn, code });
    if (student.leavingDate === null) held('leaving_date_missing');
    else if (student.leavingReason === null) held('leaving_reason_missing');
    else if (student.leavingDate < student.admissionDate) held('leaving_before_admission');
    else if (student.leavingDate > today) held('future_date');
    else included.push(student);
  }
  return { included, problems };
}

export function formARowOf(student: Student): FormARow {
  return {
    strn: student.strn,
    name_en: student.nameEn,
    name_zh: student.nameZh ?? '',
    sex: student.sex,
    date_of_birth: student.dateOfBirth,
    class_level: student.classLevel,
    class_name: student.className,
    class_no: String(student.classNo),
    admission_date: student.admissionDate,
    leaving_date: student.leavingDate ?? '',
    leaving_reason: student.leavingReason ?? '',
    leaving_note: student.leavingNote ?? '',
  };
}

/** The Form A file for `students` (already checked), as bytes to attach. */
export function writeFormA(school: string, generatedAt: number, students: readonly Student[]): Uint8Array {
  const lines = [
    csvLine([FORM_A_MAGIC, FORM_A_VERSION, school, new Date(generatedAt).toISOString(), students.length]),
    csvLine(FORM_A_COLUMNS),
    ...students.map((student) => {
      const row = formARowOf(student);
      return csvLine(FORM_A_COLUMNS.map((column) => row[column]));
    }),
  ];
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

export interface ReadFormA {
  readonly school: string | null;
  readonly records: readonly (FormARow & { readonly row: number })[];
  readonly problems: readonly RowProblem[];
}

/** EDB's reading of a received Form A: the format line first, then every row checked. */
export function readFormA(bytes: Uint8Array): ReadFormA {
  const decoded = decodeUtf8Lines(bytes);
  if (decoded.problems.length > 0) return { school: null, records: [], problems: decoded.problems };
  const csv = parseCsv(decoded.text);
  const [first, ...rest] = csv.records;
  if (!first || first.fields[0] !== FORM_A_MAGIC) {
    return { school: null, records: [], problems: [{ row: 1, code: 'not_form_a' }] };
  }
  if (first.fields[1] !== String(FORM_A_VERSION)) {
    return {
      school: null,
      records: [],
      problems: [{ row: 1, code: 'unsupported_version', value: first.fields[1] ?? '' }],
    };
  }
  const school = first.fields[2] ?? null;
  const { header, rows } = recordsByHeader(rest);
  const missing = FORM_A_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return {
      school,
      records: [],
      problems: missing.map((column) => ({ row: 2, code: 'missing_column', column })),
    };
  }
  const problems: RowProblem[] = [...csv.problems];
  const records: (FormARow & { row: number })[] = [];
  for (const { line, values } of rows) {
    const row = Object.fromEntries(FORM_A_COLUMNS.map((c) => [c, values.get(c) ?? ''])) as FormARow;
    const before = problems.length;
    if (row.strn === '') problems.push({ row: line, code: 'missing_field', column: 'strn' });
    if (parseDay(row.leaving_date) === null) {
      problems.push({ row: line, code: 'bad_date', column: 'leaving_date', value: row.leaving_date });
    }
    if (!(LEAVING_REASONS as readonly string[]).includes(row.leaving_reason)) {
      problems.push({ row: line, code: 'bad_value', column: 'leaving_reason', value: row.leaving_reason });
    }
    if (problems.length === before) records.push({ ...row, row: line });
  }
  const count = Number(first.fields[4]);
  if (Number.isInteger(count) && count !== rows.length) {
    problems.push({ row: 1, code: 'count_mismatch', value: `${count}/${rows.length}` });
  }
  return { school, records, problems };
}
