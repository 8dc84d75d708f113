import type { Lang } from './error-spec.js';

/**
 * Why a rule refused something, when one error code covers several rules a user can fix (a weak
 * School Key, a bad schedule, a hub URL, a message's fields). The error carries `reason` as one of
 * these stable codes (several joined by commas); each language reads it as a sentence part, filled
 * from the same details (`{max}`, `{time}` …). Free text a library or the OS produced never goes
 * here: it travels as the technical `detail` instead (errors.ts).
 */
export const ERROR_REASONS = {
  // School Key strength (packages/keys school-key-policy.ts), in the order a user should fix them.
  'school_key.demo_key': {
    'zh-HK': '不可使用公開的示範學校密碼匙（只限示範系統）',
    en: 'it must not be a published demo School Key (those work only on a demo system)',
  },
  'school_key.too_short': {
    'zh-HK': '最少要有 {minLength} 個字元（現有 {length} 個）',
    en: 'it needs at least {minLength} characters (this one has {length})',
  },
  'school_key.spaces': {
    'zh-HK': '開頭及結尾不可有空格',
    en: 'it must not start or end with a space',
  },
  'school_key.few_characters': {
    'zh-HK': '最少要有 4 個不同的字元',
    en: 'it needs at least 4 different characters',
  },
  'school_key.no_mix': {
    'zh-HK': '要混合使用字母與數字或符號',
    en: 'it must mix letters with digits or symbols',
  },
  'school_key.common': {
    'zh-HK': '不可使用常見的密碼',
    en: 'it must not be a common password',
  },
  // 設定時間輸送 (domain schedule.ts).
  'schedule.bad_time': {
    'zh-HK': '時間「{time}」須為 HH:mm 格式（00:00 至 23:59）',
    en: 'the time "{time}" must be HH:mm (00:00 to 23:59)',
  },
  'schedule.bad_weekdays': {
    'zh-HK': '星期「{text}」不正確，請用 mon、tue、wed、thu、fri、sat、sun、範圍如 mon-fri，或 daily',
    en: 'the weekdays "{text}" are not valid: use mon, tue, wed, thu, fri, sat, sun, ranges like mon-fri, or daily',
  },
  'schedule.weekdays_backwards': {
    'zh-HK': '星期範圍「{part}」次序倒轉，請分為兩段輸入',
    en: 'the weekday range "{part}" runs backwards; write it as two parts',
  },
  'schedule.no_time': { 'zh-HK': '請最少輸入一個時間', en: 'give at least one time of day' },
  'schedule.too_many_times': {
    'zh-HK': '每日最多 {max} 個時間',
    en: 'at most {max} times a day are allowed',
  },
  'schedule.unknown_weekday': {
    'zh-HK': '不認識的星期「{day}」',
    en: 'the weekday "{day}" is not known',
  },
  'schedule.no_weekday': { 'zh-HK': '請最少選擇一個星期日子', en: 'choose at least one weekday' },
  'schedule.bad_interval': {
    'zh-HK': '相隔時間 {seconds} 秒不正確，須為 {min} 至 {max} 秒之間的整數',
    en: 'the interval of {seconds} s must be a whole number from {min} to {max} seconds',
  },
  // 聯遞系統延伸網址 (apps/node hub-connection-setting.ts).
  'hub_url.not_url': { 'zh-HK': '這不是一個網址', en: 'it is not a URL' },
  'hub_url.scheme': {
    'zh-HK': '只接受 https://（或本機的 http://）',
    en: 'only https:// (or http:// on this computer) is accepted',
  },
  'hub_url.credentials': {
    'zh-HK': '網址內不可包含使用者名稱或密碼',
    en: 'it must not contain a user name or password',
  },
  'hub_url.query': {
    'zh-HK': '網址內不可包含「?」或「#」之後的部分',
    en: 'it must not contain a query (?) or fragment (#)',
  },
  'hub_url.plain_http': {
    'zh-HK': '只有本機（127.0.0.1）可使用未加密的 http，請改用 https',
    en: 'plain http is allowed only on this computer (127.0.0.1); use https',
  },
  'hub_url.duplicate': { 'zh-HK': '網址重複列出', en: 'it is listed twice' },
  'hub_url.none': { 'zh-HK': '尚未設定聯遞系統延伸網址', en: 'no hub URL is set' },
  // Which sender key may sign a header (domain sender-key-rule.ts).
  'sender_key.before_valid': {
    'zh-HK': '訊息在 {sealedAt} 加密，早於密碼匙生效的時間',
    en: 'the message was sealed at {sealedAt}, before the key became valid',
  },
  'sender_key.after_expiry': {
    'zh-HK': '訊息在 {sealedAt} 加密，當時密碼匙已經過期',
    en: 'the message was sealed at {sealedAt}, after the key expired',
  },
  'sender_key.superseded': {
    'zh-HK': '密碼匙已於 {supersededAt} 被新密碼匙 {successor} 取代',
    en: 'the key was replaced by {successor} at {supersededAt}',
  },
  'sender_key.long_expired': {
    'zh-HK': '密碼匙已於 {expiredAt} 過期超過 30 日',
    en: 'the key expired at {expiredAt}, 30 days or more ago',
  },
  // A message's fields (apps/node create-outgoing-message.ts, add-outgoing-attachment.ts).
  'message.no_recipient': { 'zh-HK': '訊息最少要有一個收件者', en: 'a message needs a recipient' },
  'message.recipient_twice': {
    'zh-HK': '同一收件者列出了兩次',
    en: 'a recipient is listed twice',
  },
  'message.to_self': {
    'zh-HK': '不可寄訊息給自己的學校或機構',
    en: 'a node does not send messages to itself',
  },
  'message.school_one_recipient': {
    'zh-HK': '學校的訊息只可寄給一個收件者',
    en: 'a school addresses exactly one party',
  },
  'message.description': {
    'zh-HK': '訊息描述須為一行 1 至 {max} 個字元的文字',
    en: 'the description must be one line of 1 to {max} characters',
  },
  'message.too_many_attachments': {
    'zh-HK': '每個訊息最多可有 {max} 個附件',
    en: 'a message holds at most {max} attachments',
  },
  'message.media_type': {
    'zh-HK': '附件的檔案類型「{mediaType}」不正確',
    en: 'the attachment type "{mediaType}" is not a media type',
  },
  'message.priority': { 'zh-HK': '優先次序「{value}」不正確', en: 'the priority "{value}" is not valid' },
  'message.level': {
    'zh-HK': '加密程度「{value}」不正確',
    en: 'the encryption level "{value}" is not valid',
  },
  'message.reject_reason': {
    'zh-HK': '請輸入一行 1 至 {max} 個字元的拒絕原因',
    en: 'give a one-line reason of 1 to {max} characters for refusing it',
  },
  // Users (apps/node auth/user-rules.ts) and 聯遞系統紀錄 search.
  'user.no_group': { 'zh-HK': '使用者最少要屬於一個組別', en: 'a user needs at least one group' },
  'user.display_name_long': {
    'zh-HK': '顯示名稱最多 {max} 個字元',
    en: 'the display name has at most {max} characters',
  },
  'log_search.text': {
    'zh-HK': '搜尋文字須為 1 至 {max} 個字元',
    en: 'the search text must be 1 to {max} characters',
  },
  'log_search.range': {
    'zh-HK': '開始日期 {from} 遲於結束日期 {to}',
    en: 'the start date {from} is after the end date {to}',
  },
  'directory.no_such_key': {
    'zh-HK': '{party} 沒有指紋為 {fingerprint} 的未核實密碼匙',
    en: '{party} has no unconfirmed key with fingerprint {fingerprint}',
  },
  // The command line (apps/cli).
  'cli.cancelled': { 'zh-HK': '已取消', en: 'cancelled' },
  'cli.passwords_differ': { 'zh-HK': '兩次輸入的密碼不相同', en: 'the two passwords differ' },
  'cli.password_required': {
    'zh-HK': '需要密碼：請用 --password-file 檔案（- 代表標準輸入），或在終端機上執行',
    en: 'a password is required: --password-file FILE (- for stdin), or run on a terminal',
  },
  'cli.cannot_read': { 'zh-HK': '無法讀取檔案 {file}', en: 'the file {file} cannot be read' },
  'cli.cannot_write': { 'zh-HK': '無法寫入檔案 {file}', en: 'the file {file} cannot be written' },
  'message.too_many_to_export': {
    'zh-HK': '每個匯出檔案最多可有 {max} 個訊息',
    en: 'a bundle holds at most {max} messages',
  },
  'message.no_ids': { 'zh-HK': '沒有指定任何訊息編號', en: 'no message ids were given' },
  'server.port_in_use': {
    'zh-HK': '{host} 的連接埠 {port} 已被其他程式使用',
    en: 'port {port} on {host} is already in use',
  },
} as const satisfies Record<string, Readonly<Record<Lang, string>>>;

export type ErrorReason = keyof typeof ERROR_REASONS;
