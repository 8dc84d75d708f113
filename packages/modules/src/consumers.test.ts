import { describe, expect, it } from 'vitest';
import { FORM_A, SYS_VERSION, TSA_PARAMETERS, consume } from './consumers.js';
import { checkFormA, writeFormA } from './student/form-a.js';
import type { Student } from './student/student.js';

const bytes = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
const TSA_HEADER = 'level,subject,paper,date,duration_minutes';

describe('TSA parameter file consumer', () => {
  it('imports every row of the seeded file (IMPORTED, no exceptions)', () => {
    const { records, report } = consume(
      TSA_PARAMETERS,
      bytes([TSA_HEADER, 'P3,CHI,READING,2026-06-10,40', 'P6,MAT,PAPER1,2026-06-12,50']),
    );
    expect(report).toEqual({ module: 'tsa.parameters', outcome: 'IMPORTED', imported: 2, exceptions: [] });
    expect(records[1]).toEqual({
      row: 3,
      level: 'P6',
      subject: 'MAT',
      paper: 'PAPER1',
      date: '2026-06-12',
      durationMinutes: 50,
    });
  });

  it('takes the good rows of a partly bad file and reports the others (partial: IMPORTED + exceptions)', () => {
    const { records, report } = consume(
      TSA_PARAMETERS,
      bytes([
        TSA_HEADER,
        'P3,CHI,READING,2026-06-10,40',
        'P7,ENG,READING,2026-13-01,abc',
        'P3,CHI,READING,2026-06-11,40',
      ]),
    );
    expect(report.outcome).toBe('IMPORTED');
    expect(report.imported).toBe(1);
    expect(records).toHaveLength(1);
    expect(report.exceptions).toEqual([
      { row: 3, code: 'bad_value', column: 'level', value: 'P7' },
      { row: 3, code: 'bad_date', column: 'date', value: '2026-13-01' },
      { row: 3, code: 'bad_value', column: 'duration_minutes', value: 'abc' },
      { row: 4, code: 'duplicate_in_file', value: 'P3/CHI/READING', first: 2 },
    ]);
  });

  it('fails a file that is not a parameter file (IMPORT_FAIL, nothing taken)', () => {
    const { records, report } = consume(TSA_PARAMETERS, bytes(['hello,world', '1,2']));
    expect(records).toEqual([]);
    expect(report.outcome).toBe('IMPORT_FAIL');
    expect(report.exceptions[0]).toEqual({ row: 1, code: 'missing_column', column: 'level' });
    expect(consume(TSA_PARAMETERS, null).report).toMatchObject({
      outcome: 'IMPORT_FAIL',
      exceptions: [{ code: 'no_attachment' }],
    });
  });
});

describe('version message consumer (EDB)', () => {
  it('reads version.json and fails anything else', () => {
    const good = { scrn: '123456', version: '1.2.0', upgradedAt: '2026-11-01T00:00:00.000Z' };
    expect(consume(SYS_VERSION, new TextEncoder().encode(JSON.stringify(good))).records).toEqual([good]);
    expect(consume(SYS_VERSION, new TextEncoder().encode('{')).report.outcome).toBe('IMPORT_FAIL');
  });
});

describe('Form A', () => {
  const student = (over: Partial<Student>): Student => ({
    id: 's1',
    strn: 'A1234567',
    nameEn: 'CHAN, "Tai" Man',
    nameZh: '陳大文',
    sex: 'M',
    dateOfBirth: '2014-03-04',
    classLevel: 'P6',
    className: '6A',
    classNo: 12,
    admissionDate: '2020-09-01',
    status: 'LEFT',
    leavingDate: '2026-11-20',
    leavingReason: 'EMIGRATION',
    leavingNote: null,
    createdAt: 0,
    updatedAt: 0,
    version: 1,
    ...over,
  });

  it('holds back students whose leaving record is incomplete, and names why', () => {
    const { included, problems } = checkFormA(
      [
        student({}),
        student({ id: 's2', strn: 'A2', leavingReason: null }),
        student({ id: 's3', strn: 'A3', leavingDate: '2026-12-01' }),
      ],
      '2026-11-29',
    );
    expect(included.map((s) => s.id)).toEqual(['s1']);
    expect(problems).toEqual([
      { studentId: 's2', strn: 'A2', code: 'leaving_reason_missing' },
      { studentId: 's3', strn: 'A3', code: 'future_date' },
    ]);
  });

  it('writes a versioned file that EDB reads back row for row', () => {
    const file = writeFormA('123456', Date.UTC(2026, 10, 29), [student({})]);
    const text = new TextDecoder().decode(file);
    expect(text.split('\r\n')[0]).toBe('CDS-FORM-A,1,123456,2026-11-29T00:00:00.000Z,1');
    const { records, report } = consume(FORM_A, file);
    expect(report).toEqual({ module: 'student.formA', outcome: 'IMPORTED', imported: 1, exceptions: [] });
    expect(records[0]).toMatchObject({
      row: 3,
      strn: 'A1234567',
      name_en: 'CHAN, "Tai" Man',
      leaving_reason: 'EMIGRATION',
    });
  });

  it('refuses another format or version', () => {
    expect(consume(FORM_A, bytes(['CDS-FORM-A,2,123456,x,0'])).report.exceptions).toEqual([
      { row: 1, code: 'unsupported_version', value: '2' },
    ]);
    expect(consume(FORM_A, bytes(['strn'])).report.outcome).toBe('IMPORT_FAIL');
  });
});
