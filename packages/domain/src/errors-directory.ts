import type { ErrorSpec } from './error-spec.js';

/** Error codes of the directory area (see errors.ts for how they are used). */
export const DIRECTORY_ERRORS = {
  'directory.log_invalid': {
    http: 502,
    exit: 7,
    'zh-HK': '中央伺服器的目錄記錄無效（第 {seq} 項），不會採用。請聯絡教育局。',
    en: 'The hub directory log is not valid (entry {seq}), so it is not used. Contact EDB.',
  },
  'directory.key_not_chained': {
    http: 409,
    exit: 4,
    'zh-HK': '{party} 的新密碼匙尚未核實（指紋 {fingerprint}），請先以電話核實後確認。',
    en: 'The new key of {party} is not verified (fingerprint {fingerprint}); confirm it out of band first.',
  },
} as const satisfies Record<string, ErrorSpec>;
