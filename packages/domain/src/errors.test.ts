import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CATALOGUE, formatErrorMessage, isAppError, type ErrorCode } from './errors.js';

const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

describe('error catalogue', () => {
  for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
    it(`${code} has both languages, an HTTP status and an exit code`, () => {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/);
      expect(spec['zh-HK'].trim()).not.toBe('');
      expect(spec.en.trim()).not.toBe('');
      expect(spec['zh-HK']).toMatch(/\p{Script=Han}/u);
      expect(spec.http).toBeGreaterThanOrEqual(400);
      expect(spec.http).toBeLessThan(600);
      expect([1, 2, 3, 4, 5, 6, 7]).toContain(spec.exit);
    });
  }

  it('fills placeholders in both languages and leaves missing ones visible', () => {
    const details = { status: 'SENT', action: 'seal', statusLabel: '已輸出', actionLabel: '加密' };
    expect(formatErrorMessage('message.invalid_transition', details, 'zh-HK')).toBe(
      '訊息狀況為「已輸出」時不可執行「加密」。',
    );
    expect(formatErrorMessage('message.invalid_transition', details, 'en')).toBe(
      'A message in status SENT does not allow the action seal.',
    );
    expect(formatErrorMessage('message.not_found', {}, 'en')).toBe('Message {id} was not found.');
  });

  it('every placeholder of a template is a plain identifier the details can supply', () => {
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      for (const lang of ['zh-HK', 'en'] as const) {
        for (const name of placeholders(ERROR_CATALOGUE[code][lang])) expect(name).toMatch(/^[a-zA-Z]+$/);
      }
    }
  });

  it('an AppError carries its code, details, English message and exit code', () => {
    const error = new AppError('message.not_found', { id: '0190' });
    expect(isAppError(error)).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(error.message).toBe('Message 0190 was not found.');
    expect(error.messageIn('zh-HK')).toBe('找不到訊息 0190。');
    expect(error.http).toBe(404);
    expect(error.exitCode).toBe(3);
  });
});
