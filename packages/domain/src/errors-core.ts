import type { ErrorSpec } from './error-spec.js';

/** Error codes of the core area (see errors.ts for how they are used). */
export const CORE_ERRORS = {
  'internal.unexpected': {
    http: 500,
    exit: 1,
    'zh-HK': '系統發生未預期的錯誤，請稍後再試或聯絡支援。',
    en: 'An unexpected error occurred. Try again later or contact support.',
  },
  'usage.invalid_argument': {
    http: 400,
    exit: 2,
    'zh-HK': '參數不正確。請檢查指令或輸入的內容後再試。',
    en: 'An argument is not valid. Check the command or what was entered and try again.',
    reasoned: {
      'zh-HK': '參數不正確：{reason}。',
      en: 'Invalid argument: {reason}.',
    },
  },
  'validation.failed': {
    http: 400,
    exit: 2,
    'zh-HK': '輸入資料不正確。請檢查輸入的內容後再試。',
    en: 'The input is not valid. Check what was entered and try again.',
    reasoned: {
      'zh-HK': '輸入資料不正確：{reason}。請更正後再試。',
      en: 'The input is not valid: {reason}. Correct it and try again.',
    },
  },
  'config.invalid': {
    http: 500,
    exit: 2,
    'zh-HK': '設定不正確。請按技術資料更正設定（config.json、環境變數或「設定」頁面）後再試。',
    en: 'The configuration is not valid. Correct it as the technical detail says (config.json, the environment, or the Settings page) and try again.',
  },
  'not_found.route': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到所要求的功能。',
    en: 'The requested resource does not exist.',
  },
  'auth.forbidden': {
    http: 403,
    exit: 5,
    'zh-HK': '你沒有執行此功能的權限（需要 {right}）。',
    en: 'You do not have the right to do this (requires {right}).',
  },
  'auth.system_only': {
    http: 403,
    exit: 5,
    'zh-HK': '此操作只由系統（{actor}）執行，使用者不可執行。',
    en: 'Only the system ({actor}) does this; a user cannot.',
  },
  'auth.unknown_right': {
    http: 500,
    exit: 1,
    'zh-HK': '未知的權限：{right}。',
    en: 'Unknown right: {right}.',
  },
  'auth.unknown_group': {
    http: 400,
    exit: 2,
    'zh-HK': '未知的使用者組別：{group}。',
    en: 'Unknown user group: {group}.',
  },
  'db.unavailable': {
    http: 503,
    exit: 1,
    'zh-HK': '資料庫暫時無法使用。',
    en: 'The database is not available.',
  },
  'db.migration_failed': {
    http: 500,
    exit: 1,
    'zh-HK': '資料庫更新失敗，資料庫維持更新前的狀態。請聯絡技術支援並提供技術資料。',
    en: 'The database migration failed; the database is left as it was before. Contact technical support with the technical detail.',
  },
  'datadir.locked': {
    http: 409,
    exit: 4,
    'zh-HK': '資料目錄 {dir} 正由另一程序（PID {pid}）使用，請先停止該伺服器。',
    en: 'The data directory {dir} is in use by another process (PID {pid}). Stop that server first.',
  },
  'datadir.not_initialised': {
    http: 500,
    exit: 3,
    'zh-HK': '資料目錄 {dir} 尚未初始化，請先執行 cds node init（中央伺服器：cds hub start）。',
    en: 'The data directory {dir} is not initialised. Run cds node init (the hub: cds hub start) first.',
  },
  'datadir.already_initialised': {
    http: 409,
    exit: 4,
    'zh-HK': '資料目錄 {dir} 已經初始化。',
    en: 'The data directory {dir} is already initialised.',
  },
  'datadir.role_mismatch': {
    http: 409,
    exit: 4,
    'zh-HK': '資料目錄 {dir} 屬於 {actual}，不能作為 {expected} 使用。',
    en: 'The data directory {dir} belongs to a {actual}; it cannot be used as a {expected}.',
  },
  'blob.not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到檔案內容 {hash}。',
    en: 'Blob {hash} was not found.',
  },
  'blob.integrity': {
    http: 500,
    exit: 1,
    'zh-HK': '檔案內容已損壞（{hash}）。',
    en: 'Stored content is corrupt ({hash}).',
  },
  'blob.too_large': {
    http: 413,
    exit: 7,
    'zh-HK': '檔案超過上限 {limit} 位元組。',
    en: 'The file exceeds the limit of {limit} bytes.',
  },
  'code.unknown': {
    http: 400,
    exit: 2,
    'zh-HK': '代碼 {code} 不在代碼表 {table} 內。',
    en: 'Code {code} is not in the {table} code table.',
  },
  'party.invalid_code': {
    http: 400,
    exit: 2,
    'zh-HK': '參與者代號 {code} 不正確：學校為六位數字，機構為 EDB、HKEAA、SFO 或 TRY。',
    en: 'Party code {code} is not valid: schools are six digits, agencies are EDB, HKEAA, SFO or TRY.',
  },
} as const satisfies Record<string, ErrorSpec>;
