import type { ErrorSpec } from './error-spec.js';

/** Error codes of the age area (see errors.ts for how they are used). */
export const AGE_ERRORS = {
  'age.header_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '加密檔案的標頭已損壞或不是聯遞系統的加密格式，無法開啟。請要求對方重新寄出。',
    en: 'The header of the encrypted file is damaged or not in the expected format, so it cannot be opened. Ask the sender to send it again.',
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
    'zh-HK': '加密檔案的內容已損壞或被改動，無法解密。請要求寄件者重新寄出。',
    en: 'The encrypted content is damaged or was altered, so it cannot be decrypted. Ask the sender to send it again.',
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
    'zh-HK': '加密檔案的文字封裝（ASCII armor）已損壞，無法開啟。請取得完整未經修改的檔案。',
    en: 'The ASCII armor of the encrypted file is damaged, so it cannot be opened. Get a complete, unmodified copy of the file.',
  },
  'age.recipient_invalid': {
    http: 400,
    exit: 2,
    'zh-HK': '收件者的公開密碼匙無效，無法為其加密。請檢查密碼匙是否完整複製。',
    en: 'The recipient’s public key is not valid, so nothing can be encrypted to it. Check that the key was copied completely.',
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
    'zh-HK': '私人密碼匙無效，無法用來解密。請檢查密碼匙檔案是否完整。',
    en: 'The identity (private key) is not valid, so it cannot decrypt. Check that the key file is complete.',
  },
} as const satisfies Record<string, ErrorSpec>;
