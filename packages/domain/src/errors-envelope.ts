import type { ErrorSpec } from './error-spec.js';

/** Error codes of the envelope area (see errors.ts for how they are used). */
export const ENVELOPE_ERRORS = {
  'envelope.header_invalid': {
    http: 400,
    exit: 1,
    'zh-HK': '訊息的路由標頭無效，訊息不可接收。請要求寄件者重新寄出。',
    en: 'The message’s routing header is not valid, so the message cannot be accepted. Ask the sender to send it again.',
  },
  'envelope.header_signature_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '訊息路由標頭的數碼簽署核實失敗，訊息可能被改動，不可接收。請聯絡寄件者。',
    en: 'The routing header signature does not verify: the message may have been altered, so it cannot be accepted. Contact the sender.',
  },
  'envelope.clock_skew': {
    http: 422,
    exit: 1,
    'zh-HK': '訊息的封存時間（{sealedAt}）比現在遲超過 5 分鐘，請檢查發送方的電腦時鐘。',
    en: "The message was sealed more than 5 minutes in the future ({sealedAt}); check the sender's clock.",
  },
  'envelope.payload_hash_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '加密內容與路由標頭記錄的不符，檔案已損壞或被改動。請要求寄件者重新寄出。',
    en: 'The encrypted payload does not match its routing header; it is damaged or was altered. Ask the sender to send it again.',
  },
  'envelope.not_a_recipient': {
    http: 403,
    exit: 5,
    'zh-HK': '此訊息並非以你的密碼匙加密，無法解密。',
    en: 'This message was not sealed to any of your keys, so it cannot be decrypted.',
  },
  'envelope.decryption_failed': {
    http: 422,
    exit: 1,
    'zh-HK': '加密內容已損壞或被改動，無法解密。請要求寄件者重新寄出。',
    en: 'The payload could not be decrypted: it is damaged or was altered. Ask the sender to send it again.',
  },
  'envelope.format_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '訊息內容的格式不正確，無法開啟。請要求寄件者重新寄出。',
    en: 'The message content is not in the expected format, so it cannot be opened. Ask the sender to send it again.',
  },
  'envelope.manifest_signature_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '附件清單的數碼簽署核實失敗，附件可能被改動，不會開啟。請聯絡寄件者。',
    en: 'The attachment manifest signature does not verify: the attachments may have been altered, so they are not opened. Contact the sender.',
  },
  'envelope.manifest_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '附件清單與訊息的路由標頭不符，附件不會開啟。請聯絡寄件者。',
    en: 'The attachment manifest does not match the message’s routing header, so the attachments are not opened. Contact the sender.',
  },
  'envelope.attachment_hash_mismatch': {
    http: 422,
    exit: 1,
    'zh-HK': '附件 {index} 的內容與附件清單記錄的不符，已損壞或被改動。請要求寄件者重新寄出。',
    en: 'Attachment {index} does not match the manifest; it is damaged or was altered. Ask the sender to send it again.',
  },
  'envelope.attachment_changed': {
    http: 500,
    exit: 1,
    'zh-HK': '附件 {index} 的內容與上載時記錄的不同，不可加密。請刪除該附件並重新上載。',
    en: 'Attachment {index} differs from what was recorded when it was added, so it cannot be sealed. Remove the attachment and add it again.',
  },
  'envelope.display_name_invalid': {
    http: 400,
    exit: 2,
    'zh-HK': '附件名稱 {name} 不符合規則：{ruleZh}',
    en: 'The attachment name {name} breaks a rule: {ruleEn}',
  },
  'envelope.unknown_sender_key': {
    http: 422,
    exit: 7,
    'zh-HK': '密碼匙 {kid} 不是 {party} 在中央伺服器公佈的密碼匙。',
    en: 'Key {kid} is not a key {party} has published at the hub.',
  },
  'envelope.key_not_valid': {
    http: 422,
    exit: 7,
    'zh-HK': '{party} 的密碼匙 {kid} 不可簽署此訊息：{reason}。請聯絡寄件者。',
    en: 'Key {kid} of {party} may not sign this message: {reason}. Contact the sender.',
  },
  // Store-and-forward relay at the hub (SPEC §4). Every refusal of an upload has its own code, so the
  // sender can tell a permanent refusal (REJECTED) from a fault worth retrying.
} as const satisfies Record<string, ErrorSpec>;
