import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { isAgencyCode, isPartyCode, isSchoolCode, parsePartyCode, partyKind } from './parties.js';

describe('party codes (SPEC §1)', () => {
  it('accepts six-digit schools and the four agencies', () => {
    for (const code of ['123456', '000000', '654321', 'EDB', 'HKEAA', 'SFO', 'TRY']) {
      expect(parsePartyCode(code)).toBe(code);
    }
    expect(partyKind('123456')).toBe('school');
    expect(partyKind('HKEAA')).toBe('agency');
    expect(isSchoolCode('123456')).toBe(true);
    expect(isAgencyCode('123456')).toBe(false);
  });

  it('refuses everything else, exactly as spelled', () => {
    const bad: unknown[] = [
      '12345',
      '1234567',
      '12345a',
      ' 123456',
      '123456\n',
      '１２３４５６',
      '١٢٣٤٥٦',
      'edb',
      'EDB ',
      'HUB',
      'hub',
      '',
      null,
      undefined,
      123456,
    ];
    for (const value of bad) {
      expect(isPartyCode(value), String(value)).toBe(false);
      expect(() => parsePartyCode(value)).toThrow(AppError);
    }
  });

  it('says why in both languages', () => {
    let caught: unknown;
    try {
      partyKind('12345');
    } catch (error) {
      caught = error;
    }
    const error = caught as AppError;
    expect(error.code).toBe('party.invalid_code');
    expect(error.details).toEqual({ code: '12345' });
    expect(error.exitCode).toBe(2);
    expect(error.messageIn('zh-HK')).toBe(
      '參與者代號 12345 不正確：學校為六位數字，機構為 EDB、HKEAA、SFO 或 TRY。',
    );
    expect(error.messageIn('en')).toBe(
      'Party code 12345 is not valid: schools are six digits, agencies are EDB, HKEAA, SFO or TRY.',
    );
  });
});
