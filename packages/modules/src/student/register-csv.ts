/**
 * 學生資料 CSV import (SPEC §8): every row validated, every problem reported with its line, and
 * nothing imported unless every row is good (the caller stores all rows in one transaction).
 * Documented in docs/modules.md.
 */
import type { RowProblem } from '../contract.js';
import { decodeUtf8Lines, parseCsv, recordsByHeader } from '../csv.js';
import { checkStudentFields, type RawStudent, type StudentFields } from './student.js';

/** Columns, in the order of the template; `name_zh` may be blank. */
export const REGISTER_COLUMNS = [
  'strn',
  'name_en',
  'name_zh',
  'sex',
  'date_of_birth',
  'class_level',
  'class_name',
  'class_no',
  'admission_date',
] as const;

export const MAX_REGISTER_BYTES = 2 * 1024 * 1024;
export const MAX_REGISTER_ROWS = 5_000;

export interface RegisterImport {
  readonly students: readonly (StudentFields & { readonly row: number })[];
  readonly problems: readonly RowProblem[];
}

/**
 * Reads the file; `known` holds the STRNs already in the register (a duplicate of one is a
 * problem of its row, as is a second row for the same STRN within the file).
 */
export function readRegisterCsv(
  bytes: Uint8Array,
  known: ReadonlySet<string>,
  today: string,
): RegisterImport {
  if (bytes.length === 0) return { students: [], problems: [{ row: 0, code: 'empty_file' }] };
  if (bytes.length > MAX_REGISTER_BYTES) {
    return { students: [], problems: [{ row: 0, code: 'too_large', value: String(MAX_REGISTER_BYTES) }] };
  }
  const decoded = decodeUtf8Lines(bytes);
  if (decoded.problems.length > 0) return { students: [], problems: decoded.problems };
  const csv = parseCsv(decoded.text);
  if (csv.problems.length > 0) return { students: [], problems: csv.problems };
  const { header, rows } = recordsByHeader(csv.records);
  const missingColumns = REGISTER_COLUMNS.filter((column) => !header.includes(column));
  if (missingColumns.length > 0) {
    return {
      students: [],
      problems: missingColumns.map((column) => ({ row: 1, code: 'missing_column', column })),
    };
  }
  if (rows.length === 0) return { students: [], problems: [{ row: 0, code: 'empty_file' }] };
  if (rows.length > MAX_REGISTER_ROWS) {
    return { students: [], problems: [{ row: 0, code: 'too_many_rows', value: String(MAX_REGISTER_ROWS) }] };
  }
  const problems: RowProblem[] = [];
  const students: (StudentFields & { row: number })[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values, extra } of rows) {
    if (extra) problems.push({ row: line, code: 'too_many_fields' });
    const get = (column: string) => values.get(column) ?? '';
    const raw: RawStudent = {
      strn: get('strn'),
      nameEn: get('name_en'),
      nameZh: get('name_zh'),
      sex: get('sex'),
      dateOfBirth: get('date_of_birth'),
      classLevel: get('class_level'),
      className: get('class_name'),
      classNo: get('class_no'),
      admissionDate: get('admission_date'),
    };
    const checked = checkStudentFields(raw, line, today);
    problems.push(...checked.problems);
    if (!checked.fields) continue;
    const { strn } = checked.fields;
    const first = firstLine.get(strn);
    if (first !== undefined) {
      problems.push({ row: line, code: 'duplicate_in_file', column: 'strn', value: strn, first });
    } else if (known.has(strn)) {
      problems.push({ row: line, code: 'already_registered', column: 'strn', value: strn });
    }
    if (first === undefined) firstLine.set(strn, line);
    students.push({ ...checked.fields, row: line });
  }
  return problems.length > 0 ? { students: [], problems } : { students, problems };
}
