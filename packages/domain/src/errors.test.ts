import { describe, expect, it } from 'vitest';
import {
  AppError,
  ERROR_CATALOGUE,
  ERROR_REASONS,
  formatErrorMessage,
  isAppError,
  parseStoredFailure,
  reasonText,
  storedFailure,
  storedReasonText,
  type ErrorCode,
  type ErrorSpec,
} from './errors.js';
import { latinProse } from './latin-prose.js';

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

describe('every message stands alone in the user’s language (issue #7)', () => {
  const templates = (code: ErrorCode): string[] => {
    const spec: ErrorSpec = ERROR_CATALOGUE[code];
    return [spec['zh-HK'], spec.en, ...(spec.reasoned ? [spec.reasoned['zh-HK'], spec.reasoned.en] : [])];
  };

  it('no template interpolates free text: {detail} is the technical detail, shown apart', () => {
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      for (const template of templates(code)) {
        expect(placeholders(template), `${code}: ${template}`).not.toContain('detail');
        expect(placeholders(template), `${code}: ${template}`).not.toContain('check');
      }
    }
  });

  it('no zh-HK template or reason holds English prose', () => {
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      const spec: ErrorSpec = ERROR_CATALOGUE[code];
      for (const zh of [spec['zh-HK'], spec.reasoned?.['zh-HK'] ?? '']) {
        expect(latinProse(zh), `${code}: ${zh}`).toBeNull();
      }
    }
    for (const [reason, text] of Object.entries(ERROR_REASONS)) {
      expect(text['zh-HK'], reason).toMatch(/\p{Script=Han}/u);
      expect(latinProse(text['zh-HK']), reason).toBeNull();
      expect(placeholders(text['zh-HK']).sort(), reason).toEqual(placeholders(text.en).sort());
      expect(placeholders(text.en), reason).not.toContain('reason');
      expect(placeholders(text.en), reason).not.toContain('detail');
    }
  });

  it('a {reason} template exists only where a reason is given, in both languages', () => {
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      const spec: ErrorSpec = ERROR_CATALOGUE[code];
      if (spec.reasoned) {
        expect(placeholders(spec.reasoned['zh-HK']), code).toContain('reason');
        expect(placeholders(spec.reasoned.en), code).toContain('reason');
        expect(placeholders(spec['zh-HK']), code).not.toContain('reason');
      }
    }
  });

  it('reads reasons in each language, several joined, an unknown one as it is', () => {
    const error = new AppError('key.weak_school_key', {
      reason: 'school_key.too_short,school_key.no_mix',
      minLength: 12,
      length: 5,
    });
    expect(error.messageIn('zh-HK')).toBe(
      '學校密碼匙太弱：最少要有 12 個字元（現有 5 個）；要混合使用字母與數字或符號。請另選一個較強的學校密碼匙。',
    );
    expect(error.message).toBe(
      'The School Key is too weak: it needs at least 12 characters (this one has 5); it must mix letters with digits or symbols. Choose a stronger School Key.',
    );
    expect(reasonText('some.future_reason', {}, 'zh-HK')).toBe('some.future_reason');
    expect(formatErrorMessage('validation.failed', { reason: 'user.no_group' }, 'zh-HK')).toBe(
      '輸入資料不正確：使用者最少要屬於一個組別。請更正後再試。',
    );
    expect(formatErrorMessage('validation.failed', {}, 'zh-HK')).toBe(
      '輸入資料不正確。請檢查輸入的內容後再試。',
    );
  });

  it('keeps free text as the technical detail: out of both sentences, in the English Error message', () => {
    const error = new AppError('age.payload_invalid', { detail: 'a chunk failed authentication' });
    expect(error.messageIn('zh-HK')).toBe('加密檔案的內容已損壞或被改動，無法解密。請要求寄件者重新寄出。');
    expect(error.messageIn('en')).not.toContain('chunk');
    expect(error.technicalDetail).toBe('a chunk failed authentication');
    expect(error.message).toContain('(a chunk failed authentication)');
    expect(new AppError('message.not_found', { id: '0190' }).technicalDetail).toBeNull();
  });

  it('reads a stored failure (a code, recipients’ refusals, a typed reason) in the user’s language', () => {
    expect(storedReasonText('transport.hub_unreachable', 'zh-HK')).toBe(
      '無法連線至聯遞系統中央伺服器。請檢查網絡及聯遞系統延伸網址設定。',
    );
    expect(
      storedReasonText('EDB: envelope.header_invalid; 100002: envelope.payload_hash_mismatch', 'zh-HK'),
    ).toBe(
      'EDB: 訊息的路由標頭無效，訊息不可接收。請要求寄件者重新寄出。；100002: 加密內容與路由標頭記錄的不符，檔案已損壞或被改動。請要求寄件者重新寄出。',
    );
    expect(storedReasonText('附件錯誤，請更正', 'zh-HK')).toBe('附件錯誤，請更正');
    // Kept with its details, a failure reads whole; older rows (the code alone) still read.
    const kept = storedFailure(
      new AppError('relay.unknown_recipient', { parties: '654321', detail: 'x y z' }),
    );
    expect(parseStoredFailure(kept)).toEqual({
      code: 'relay.unknown_recipient',
      details: { parties: '654321', detail: 'x y z' },
    });
    expect(storedReasonText(kept, 'zh-HK')).toBe('收件者 654321 未在中央伺服器註冊或已被撤銷。');
    expect(storedReasonText('relay.unknown_recipient', 'zh-HK', { parties: '654321' })).toBe(
      '收件者 654321 未在中央伺服器註冊或已被撤銷。',
    );
    expect(storedFailure(new AppError('transport.hub_key_mismatch'))).toBe('transport.hub_key_mismatch');
    expect(parseStoredFailure('附件錯誤 {"a":1}')).toBeNull();
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      expect(storedReasonText(code, 'zh-HK'), code).not.toMatch(/[{}]/);
      expect(storedReasonText(code, 'en'), code).not.toMatch(/[{}]/);
    }
  });
});
