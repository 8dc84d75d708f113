/**
 * The student register's record and its field rules (SPEC §8). Dates are calendar days
 * (`YYYY-MM-DD`, Hong Kong), never instants: a leaving date is the day the school says.
 */
import type { RowProblem } from '../contract.js';

export const CLASS_LEVELS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6'] as const;
export type ClassLevel = (typeof CLASS_LEVELS)[number];

export const SEXES = ['M', 'F'] as const;
export type Sex = (typeof SEXES)[number];

export const STUDENT_STATUSES = ['ENROLLED', 'LEFT'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];

/** Why a student left (表格 A 離校原因); labels in the `student` locale namespace. */
export const LEAVING_REASONS = [
  'TRANSFER_LOCAL',
  'EMIGRATION',
  'STUDY_ABROAD',
  'MAINLAND',
  'EMPLOYMENT',
  'OTHER',
] as const;
export type LeavingReason = (typeof LEAVING_REASONS)[number];

/** The fields a user or a CSV row gives; ids, status and times are the register's. */
export interface StudentFields {
  /** Student reference number (STRN): one letter, six digits and a check character. */
  readonly strn: string;
  readonly nameEn: string;
  readonly nameZh: string | null;
  readonly sex: Sex;
  readonly dateOfBirth: string;
  readonly classLevel: ClassLevel;
  readonly className: string;
  readonly classNo: number;
  readonly admissionDate: string;
}

export interface Student extends StudentFields {
  readonly id: string;
  readonly status: StudentStatus;
  readonly leavingDate: string | null;
  readonly leavingReason: LeavingReason | null;
  readonly leavingNote: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly version: number;
}

export const MAX_NAME_CHARS = 60;
export const MAX_NOTE_CHARS = 200;

const STRN = /^[A-Z][0-9]{6}[0-9A]$/;
const CONTROL = /\p{Cc}/u;

/** `A123456(7)` as printed on forms, or `a1234567`, both become `A1234567`. */
export function normaliseStrn(value: string): string {
  return value
    .trim()
    .toUpperCase()
    .replace(/\((\w)\)$/, '$1');
}

/** A calendar day in ISO (`2026-09-01`) or Hong Kong order (`01/09/2026`); null if not a real day. */
export function parseDay(value: string): string | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const hk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : hk
      ? [Number(hk[3]), Number(hk[2]), Number(hk[1])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(y) || y < 1900 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Today in Hong Kong (UTC+8, no daylight saving) as `YYYY-MM-DD`. */
export function hongKongDay(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

const text = (value: string, max: number) =>
  value.trim() !== '' && [...value.trim()].length <= max && !CONTROL.test(value);

export type RawStudent = Readonly<Record<keyof StudentFields, string>>;

/**
 * Checks one student's fields as typed (a form or a CSV row) and returns the record or every
 * problem found, each naming its column; `row` is the CSV line (0 for a form).
 */
export function checkStudentFields(
  raw: RawStudent,
  row: number,
  today: string,
): { fields: StudentFields | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const missing = (column: string) => problems.push({ row, code: 'missing_field', column });
  const bad = (column: string, value: string, code = 'bad_value') =>
    problems.push({ row, code, column, value });
  const strn = normaliseStrn(raw.strn);
  if (raw.strn.trim() === '') missing('strn');
  else if (!STRN.test(strn)) bad('strn', raw.strn);
  if (raw.nameEn.trim() === '') missing('name_en');
  else if (!text(raw.nameEn, MAX_NAME_CHARS)) bad('name_en', raw.nameEn);
  if (raw.nameZh.trim() !== '' && !text(raw.nameZh, MAX_NAME_CHARS)) bad('name_zh', raw.nameZh);
  const sex = raw.sex.trim().toUpperCase();
  if (sex === '') missing('sex');
  else if (!(SEXES as readonly string[]).includes(sex)) bad('sex', raw.sex);
  const days: Partial<Record<'date_of_birth' | 'admission_date', string>> = {};
  for (const [column, value] of [
    ['date_of_birth', raw.dateOfBirth],
    ['admission_date', raw.admissionDate],
  ] as const) {
    if (value.trim() === '') missing(column);
    else {
      const day = parseDay(value);
      if (day === null) bad(column, value, 'bad_date');
      else if (day > today) bad(column, value, 'future_date');
      else days[column] = day;
    }
  }
  if (days.date_of_birth && days.admission_date && days.admission_date <= days.date_of_birth) {
    bad('admission_date', raw.admissionDate, 'admission_before_birth');
  }
  const level = raw.classLevel.trim().toUpperCase();
  if (level === '') missing('class_level');
  else if (!(CLASS_LEVELS as readonly string[]).includes(level)) bad('class_level', raw.classLevel);
  if (raw.className.trim() === '') missing('class_name');
  else if (!text(raw.className, 10)) bad('class_name', raw.className);
  const classNo = Number(raw.classNo.trim());
  if (raw.classNo.trim() === '') missing('class_no');
  else if (!/^\d{1,2}$/.test(raw.classNo.trim()) || classNo < 1) bad('class_no', raw.classNo);
  if (problems.length > 0) return { fields: null, problems };
  return {
    fields: {
      strn,
      nameEn: raw.nameEn.trim(),
      nameZh: raw.nameZh.trim() === '' ? null : raw.nameZh.trim(),
      sex: sex as Sex,
      dateOfBirth: days.date_of_birth as string,
      classLevel: level as ClassLevel,
      className: raw.className.trim(),
      classNo,
      admissionDate: days.admission_date as string,
    },
    problems,
  };
}

/** 離校: the day must be a real day, not before admission and not in the future; a reason is required. */
export function checkLeaving(
  student: Pick<Student, 'admissionDate'>,
  input: { leavingDate: string; leavingReason: string; leavingNote?: string | null },
  today: string,
): { problems: RowProblem[]; leavingDate: string | null } {
  const problems: RowProblem[] = [];
  const day = parseDay(input.leavingDate);
  if (input.leavingDate.trim() === '')
    problems.push({ row: 0, code: 'missing_field', column: 'leaving_date' });
  else if (day === null)
    problems.push({ row: 0, code: 'bad_date', column: 'leaving_date', value: input.leavingDate });
  else if (day > today) problems.push({ row: 0, code: 'future_date', column: 'leaving_date', value: day });
  else if (day < student.admissionDate) {
    problems.push({ row: 0, code: 'leaving_before_admission', column: 'leaving_date', value: day });
  }
  if (!(LEAVING_REASONS as readonly string[]).includes(input.leavingReason)) {
    problems.push({ row: 0, code: 'missing_field', column: 'leaving_reason' });
  }
  const note = input.leavingNote ?? '';
  if (note !== '' && (!text(note, MAX_NOTE_CHARS) || /[\r\n]/.test(note))) {
    problems.push({ row: 0, code: 'bad_value', column: 'leaving_note', value: note });
  }
  return { problems, leavingDate: day };
}
