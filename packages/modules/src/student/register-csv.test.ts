import { describe, expect, it } from 'vitest';
import { readRegisterCsv } from './register-csv.js';

const TODAY = '2026-11-29';
const HEADER = 'strn,name_en,name_zh,sex,date_of_birth,class_level,class_name,class_no,admission_date';
const utf8 = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

describe('student register CSV import (SPEC §8: row by row, all or nothing)', () => {
  it('reads a good file, with a BOM, quoted fields and dd/MM/yyyy dates', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...utf8([
        HEADER,
        'A1234567,"CHAN, Tai Man",陳大文,M,2014-03-04,P6,6A,12,2020-09-01',
        'b765432(1),LEE Siu Ling,,f,05/06/2015,P5,5B,3,01/09/2021',
      ]),
    ]);
    const result = readRegisterCsv(bytes, new Set(), TODAY);
    expect(result.problems).toEqual([]);
    expect(result.students).toEqual([
      expect.objectContaining({ row: 2, strn: 'A1234567', nameEn: 'CHAN, Tai Man', nameZh: '陳大文' }),
      expect.objectContaining({
        row: 3,
        strn: 'B7654321',
        nameZh: null,
        sex: 'F',
        dateOfBirth: '2015-06-05',
      }),
    ]);
  });

  it('reports bad dates, missing fields and duplicates with their line numbers, and imports none', () => {
    const result = readRegisterCsv(
      utf8([
        HEADER,
        'A1234567,CHAN Tai Man,陳大文,M,2014-02-30,P6,6A,12,2020-09-01',
        'A2345678,,,M,2014-03-04,P6,6A,13,2020-09-01',
        'A3456789,WONG Ka Yan,,F,2014-03-04,P6,6A,14,2020-09-01',
        'a3456789,WONG Ka Yan,,F,2014-03-04,P6,6A,14,2020-09-01',
        'A4567890,HO Wing,,X,2014-03-04,P9,6A,15,2027-09-01',
        'A9999999,KNOWN,,M,2014-03-04,P6,6A,16,2020-09-01',
      ]),
      new Set(['A9999999']),
      TODAY,
    );
    expect(result.students).toEqual([]);
    expect(result.problems).toEqual([
      { row: 2, code: 'bad_date', column: 'date_of_birth', value: '2014-02-30' },
      { row: 3, code: 'missing_field', column: 'name_en' },
      { row: 5, code: 'duplicate_in_file', column: 'strn', value: 'A3456789', first: 4 },
      { row: 6, code: 'bad_value', column: 'sex', value: 'X' },
      { row: 6, code: 'future_date', column: 'admission_date', value: '2027-09-01' },
      { row: 6, code: 'bad_value', column: 'class_level', value: 'P9' },
      { row: 7, code: 'already_registered', column: 'strn', value: 'A9999999' },
    ]);
  });

  it('names each line with Big5 bytes in a UTF-8 file', () => {
    const big5Name = new Uint8Array([0xb3, 0xaf, 0xa4, 0x6a, 0xa4, 0xe5]); // 陳大文 in Big5
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\r\nA1234567,CHAN Tai Man,`),
      ...big5Name,
      ...new TextEncoder().encode(',M,2014-03-04,P6,6A,12,2020-09-01\r\n'),
    ]);
    expect(readRegisterCsv(bytes, new Set(), TODAY)).toEqual({
      students: [],
      problems: [{ row: 2, code: 'encoding', value: 'Big5' }],
    });
  });

  it('refuses a file without the required columns, an empty file and a UTF-16 file', () => {
    expect(readRegisterCsv(utf8(['strn,name_en', 'A1234567,X']), new Set(), TODAY).problems).toEqual(
      ['name_zh', 'sex', 'date_of_birth', 'class_level', 'class_name', 'class_no', 'admission_date'].map(
        (column) => ({ row: 1, code: 'missing_column', column }),
      ),
    );
    expect(readRegisterCsv(new Uint8Array(), new Set(), TODAY).problems).toEqual([
      { row: 0, code: 'empty_file' },
    ]);
    expect(readRegisterCsv(utf8([HEADER]), new Set(), TODAY).problems).toEqual([
      { row: 0, code: 'empty_file' },
    ]);
    expect(readRegisterCsv(new Uint8Array([0xff, 0xfe, 0x41, 0]), new Set(), TODAY).problems).toEqual([
      { row: 1, code: 'encoding', value: 'UTF-16' },
    ]);
  });

  it('reports an unterminated quote at the line it starts on', () => {
    const result = readRegisterCsv(utf8([HEADER, 'A1234567,"CHAN,陳,M', 'x']), new Set(), TODAY);
    expect(result.problems).toEqual([{ row: 2, code: 'unterminated_quote' }]);
  });
});
