import type { ErrorSpec } from './error-spec.js';

/** Error codes of the registration area (see errors.ts for how they are used). */
export const REGISTRATION_ERRORS = {
  'registration.invalid_code': {
    http: 403,
    exit: 7,
    'zh-HK': '註冊碼不正確、已使用或已過期。',
    en: 'The registration code is wrong, used or expired.',
  },
  'registration.already_registered': {
    http: 409,
    exit: 7,
    'zh-HK': '{party} 已經註冊；如需重新註冊，請聯絡中央伺服器管理員先撤銷。',
    en: '{party} is already registered; ask the hub operator to revoke it before registering again.',
  },
  'registration.too_many_attempts': {
    http: 429,
    exit: 7,
    'zh-HK': '註冊嘗試次數過多，請稍後再試。',
    en: 'Too many registration attempts. Try again later.',
  },
  'registration.approval_required': {
    http: 403,
    exit: 7,
    'zh-HK':
      '{kid} 是重新發出的密碼匙，未與已公布的密碼匙連結；請向中央伺服器管理員索取核准碼（cds keys publish --code）。',
    en: '{kid} is a recovered key, not chained to the published one; publishing it needs an approval code from the hub operator (cds keys publish --code).',
  },
  'registration.not_registered': {
    http: 404,
    exit: 3,
    'zh-HK': '{party} 尚未註冊。',
    en: '{party} is not registered.',
  },
  // Sealed envelope (packages/envelope, SPEC §2.4). Opening names the check that failed, one code per
  // check, so DECRYPT_FAIL keeps a reason a key holder can act on (damaged download vs. forged sender).
} as const satisfies Record<string, ErrorSpec>;
