import type { ErrorSpec } from './error-spec.js';

/** Error codes of the key area (see errors.ts for how they are used). */
export const KEY_ERRORS = {
  'key.wrong_school_key': {
    http: 403,
    exit: 5,
    'zh-HK': '學校密碼匙不正確。',
    en: 'The School Key is not correct.',
  },
  'key.locked': {
    http: 423,
    exit: 5,
    'zh-HK': '學校密碼匙因多次輸入錯誤已被鎖定，請於 {until} 後再試。',
    en: 'School Key use is locked after repeated wrong entries. Try again after {until}.',
  },
  'key.expired': {
    http: 409,
    exit: 4,
    'zh-HK': '學校密碼匙已於 {validTo} 過期，請先更改學校密碼匙。',
    en: 'The School Key expired on {validTo}. Change the School Key first.',
  },
  'key.weak_school_key': {
    http: 400,
    exit: 2,
    'zh-HK': '學校密碼匙太弱：{reason}。請另選一個較強的學校密碼匙。',
    en: 'The School Key is too weak: {reason}. Choose a stronger School Key.',
  },
  'key.confirmation_mismatch': {
    http: 400,
    exit: 2,
    'zh-HK': '新學校密碼匙與確認不相符。',
    en: 'The new School Key and its confirmation do not match.',
  },
  'key.same_as_current': {
    http: 400,
    exit: 2,
    'zh-HK': '新學校密碼匙不可與現有的相同。',
    en: 'The new School Key must differ from the current one.',
  },
  'key.keyring_missing': {
    http: 404,
    exit: 3,
    'zh-HK': '尚未建立密碼匙（{file}），請先執行 cds keys init。',
    en: 'No keyring at {file}. Run cds keys init first.',
  },
  'key.keyring_exists': {
    http: 409,
    exit: 4,
    'zh-HK': '密碼匙已經存在（{file}）。',
    en: 'A keyring already exists at {file}.',
  },
  'key.keyring_corrupt': {
    http: 500,
    exit: 1,
    'zh-HK': '密碼匙檔案已損壞，無法讀取。請按「學校密碼匙管理」的復原步驟處理，或聯絡技術支援。',
    en: 'The keyring file is damaged and cannot be read. Follow the recovery steps of School Key management, or contact technical support.',
  },
  'key.school_key_required': {
    http: 400,
    exit: 2,
    'zh-HK': '請提供學校密碼匙（--school-key-file 或在終端機輸入）。',
    en: 'A School Key is required (--school-key-file, or type it at a terminal).',
  },
  'key.party_mismatch': {
    http: 409,
    exit: 4,
    'zh-HK': '密碼匙屬於 {actual}，不是 {expected}。',
    en: 'The keyring belongs to {actual}, not {expected}.',
  },
  'key.statement_invalid': {
    http: 400,
    exit: 7,
    'zh-HK': '密碼匙聲明無效，不會採用。請聯絡技術支援並提供技術資料。',
    en: 'The key statement is not valid, so it is not used. Contact technical support with the technical detail.',
  },
  'key.already_published': {
    http: 409,
    exit: 4,
    'zh-HK': '密碼匙 {kid} 已經公布。',
    en: 'The key {kid} is already published.',
  },
  'key.nothing_to_publish': {
    http: 409,
    exit: 4,
    'zh-HK': '沒有等待核准碼的重新發出密碼匙；核准碼未被使用。',
    en: 'No recovered key is waiting for an approval code; the code was not used.',
  },
  'key.recovery_not_needed': {
    http: 409,
    exit: 4,
    'zh-HK': '現有的學校密碼匙仍然有效，請使用一般的更改學校密碼匙。',
    en: 'The current School Key is still valid; use the normal School Key change.',
  },
} as const satisfies Record<string, ErrorSpec>;
