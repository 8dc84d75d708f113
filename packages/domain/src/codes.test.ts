import { describe, expect, it } from 'vitest';
import {
  ENCRYPTION_LEVEL_TABLE,
  INCOMING_STATUS_TABLE,
  MESSAGE_TYPES,
  OUTGOING_STATUS_TABLE,
  PRIORITY_TABLE,
  SUBJECTS,
  codesOf,
  isCode,
  label,
  parseCode,
  type CodeTable,
} from './codes.js';
import { AppError } from './errors.js';
import { INCOMING_ACTIONS } from './incoming-machine.js';
import { ENCRYPTION_LEVELS, INCOMING_STATUSES, OUTGOING_STATUSES, PRIORITIES } from './model.js';
import { OUTGOING_ACTIONS } from './outgoing-machine.js';
import { AGENCIES } from './parties.js';
import { GROUPS, RIGHTS } from './rights.js';

const TABLES: readonly CodeTable<string>[] = [
  SUBJECTS,
  MESSAGE_TYPES,
  AGENCIES,
  PRIORITY_TABLE,
  ENCRYPTION_LEVEL_TABLE,
  OUTGOING_STATUS_TABLE,
  INCOMING_STATUS_TABLE,
  OUTGOING_ACTIONS,
  INCOMING_ACTIONS,
  RIGHTS,
  GROUPS,
];

describe('code tables', () => {
  it('have unique names', () => {
    const names = TABLES.map((table) => table.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const table of TABLES) {
    it(`${table.name}: titled, codes unique, every code labelled in both languages`, () => {
      expect(table.title['zh-HK'].trim()).not.toBe('');
      expect(table.title.en.trim()).not.toBe('');
      expect(table.entries.length).toBeGreaterThan(0);
      const codes = codesOf(table);
      expect(new Set(codes).size).toBe(codes.length);
      for (const entry of table.entries) {
        expect(entry.code).toMatch(/^[A-Za-z][A-Za-z0-9_.]*$/);
        expect(entry['zh-HK'].trim(), `${table.name}.${entry.code} zh-HK`).not.toBe('');
        expect(entry.en.trim(), `${table.name}.${entry.code} en`).not.toBe('');
        expect(entry['zh-HK'], `${table.name}.${entry.code} zh-HK is Chinese`).toMatch(/\p{Script=Han}/u);
      }
    });
  }

  it('hold the SPEC §3 codes, with the SPEC labels', () => {
    expect(codesOf(SUBJECTS)).toEqual([
      'SCH',
      'STU',
      'ATT',
      'TSA',
      'SPA',
      'APL',
      'DSE',
      'FIN',
      'SFO',
      'HEI',
      'ESDA',
      'SYS',
      'GEN',
    ]);
    expect(codesOf(MESSAGE_TYPES)).toEqual(['SUB', 'RPL', 'PAR', 'RES', 'CIR', 'VER', 'REG']);
    expect(codesOf(AGENCIES)).toEqual(['EDB', 'HKEAA', 'SFO', 'TRY']);
    expect(label(SUBJECTS, 'TSA', 'zh-HK')).toBe('香港學科測驗/全港性系統評估');
    expect(label(SUBJECTS, 'STU', 'zh-HK')).toBe('學生資料');
    expect(label(AGENCIES, 'HKEAA', 'zh-HK')).toBe('考評局');
    expect(label(AGENCIES, 'EDB', 'en')).toBe('Education Bureau');
    expect(label(MESSAGE_TYPES, 'PAR', 'zh-HK')).toBe('參數檔案');
  });

  it('label every status, priority and level of the model, in its order', () => {
    expect(codesOf(OUTGOING_STATUS_TABLE)).toEqual([...OUTGOING_STATUSES]);
    expect(codesOf(INCOMING_STATUS_TABLE)).toEqual([...INCOMING_STATUSES]);
    expect(codesOf(PRIORITY_TABLE)).toEqual([...PRIORITIES]);
    expect(codesOf(ENCRYPTION_LEVEL_TABLE)).toEqual([...ENCRYPTION_LEVELS]);
    const zh = (table: CodeTable<string>): string[] => table.entries.map((entry) => entry['zh-HK']);
    expect(zh(OUTGOING_STATUS_TABLE)).toEqual(['可輸出', '處理中', '已輸出', '已接收', '輸送失敗', '已拒絕']);
    expect(zh(INCOMING_STATUS_TABLE)).toEqual(['已加密', '已解密', '解密失敗', '已匯入', '匯入失敗']);
    expect(zh(PRIORITY_TABLE)).toEqual(['普通', '緊急']);
    expect(zh(ENCRYPTION_LEVEL_TABLE)).toEqual(['受限制', '機密']);
  });

  it('label() falls back to the code itself for a code it does not know', () => {
    expect(label(SUBJECTS, 'XYZ', 'en')).toBe('XYZ');
    expect(label(OUTGOING_STATUS_TABLE, 'SEND_FAIL', 'en')).toBe('Send failed');
  });

  it('parseCode() types good input and refuses the rest in both languages', () => {
    expect(parseCode(MESSAGE_TYPES, 'SUB')).toBe('SUB');
    expect(isCode(MESSAGE_TYPES, 'sub')).toBe(false);
    expect(isCode(MESSAGE_TYPES, 42)).toBe(false);
    let caught: unknown;
    try {
      parseCode(MESSAGE_TYPES, 'sub');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('code.unknown');
    expect(error.messageIn('zh-HK')).toBe('代碼 sub 不在代碼表 messageType 內。');
    expect(error.messageIn('en')).toBe('Code sub is not in the messageType code table.');
  });
});
