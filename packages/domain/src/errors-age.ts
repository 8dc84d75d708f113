import type { ErrorSpec } from './error-spec.js';

/** Error codes of the age area (see errors.ts for how they are used). */
export const AGE_ERRORS = {
  'age.header_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案的標頭無效：{detail}',
    en: 'The encrypted file has an invalid header: {detail}',
  },
  'age.no_match': {
    http: 403,
    exit: 5,
    'zh-HK': '沒有可開啟此加密檔案的密碼匙。',
    en: 'None of the available keys can open this encrypted file.',
  },
  'age.wrong_passphrase': {
    http: 403,
    exit: 5,
    'zh-HK': '密碼不正確，無法開啟此加密檔案。',
    en: 'The passphrase does not open this encrypted file.',
  },
  'age.hmac_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案的標頭已被改動（驗證碼不符）。',
    en: 'The header of the encrypted file was altered (MAC mismatch).',
  },
  'age.payload_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案的內容已損壞或被改動：{detail}',
    en: 'The encrypted content is damaged or altered: {detail}',
  },
  'age.truncated': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案不完整（在最後一段之前已中斷）。',
    en: 'The encrypted file is incomplete (it ends before its final chunk).',
  },
  'age.trailing_data': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案結尾之後有多餘資料。',
    en: 'The encrypted file has extra data after its end.',
  },
  'age.armor_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案的文字封裝（ASCII armor）無效：{detail}',
    en: 'The ASCII armor of the encrypted file is invalid: {detail}',
  },
  'age.recipient_invalid': {
    http: 400,
    exit: 2,
    'zh-HK': '收件者公開密碼匙無效：{detail}',
    en: 'The recipient is not valid: {detail}',
  },
  'age.input_changed': {
    http: 409,
    exit: 4,
    'zh-HK': '加密期間輸入檔案的大小有變，請在檔案不再變動後重試。',
    en: 'The input file changed size while it was being encrypted; try again once it is complete.',
  },
  'age.identity_invalid': {
    http: 400,
    exit: 2,
    'zh-HK': '私人密碼匙無效：{detail}',
    en: 'The identity (private key) is not valid: {detail}',
  },
} as const satisfies Record<string, ErrorSpec>;
