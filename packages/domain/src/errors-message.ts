import type { ErrorSpec } from './error-spec.js';

/** Error codes of the message area (see errors.ts for how they are used). */
export const MESSAGE_ERRORS = {
  'message.not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到訊息 {id}。',
    en: 'Message {id} was not found.',
  },
  'message.invalid_transition': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息狀況為「{statusLabel}」時不可執行「{actionLabel}」。',
    en: 'A message in status {status} does not allow the action {action}.',
  },
  'message.unknown_status': {
    http: 500,
    exit: 1,
    'zh-HK': '未知的訊息狀況：{status}。',
    en: 'Unknown message status: {status}.',
  },
  'message.unknown_action': {
    http: 400,
    exit: 2,
    'zh-HK': '未知的訊息操作：{action}。',
    en: 'Unknown message action: {action}.',
  },
  'message.concurrent_update': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息已被其他使用者更改，請重新整理後再試。',
    en: 'The message was changed by someone else. Refresh and try again.',
  },
  'message.deleted': { http: 409, exit: 4, 'zh-HK': '訊息已被刪除。', en: 'The message has been deleted.' },
  'message.recipient_key_changed': {
    http: 409,
    exit: 4,
    'zh-HK':
      '{party} 的密碼匙已於加密後更改（{sealedKid} → {currentKid}），不可再傳送；請複製為新訊息後重新加密。',
    en: "{party}'s key changed after sealing ({sealedKid} → {currentKid}); resend is refused. Copy it as a new message and seal again.",
  },
  'message.not_decrypted': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息 {id} 尚未解密（狀況：{status}），沒有可取出的附件。',
    en: 'Message {id} is not decrypted (status {status}); there are no attachments to extract.',
  },
  'message.not_sealed': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息 {id} 尚未加密（狀況：{status}），沒有加密檔案。',
    en: 'Message {id} is not sealed (status {status}); it has no sealed payload yet.',
  },
  'message.file_exists': {
    http: 409,
    exit: 4,
    'zh-HK': '檔案 {path} 已存在，不會覆寫。',
    en: 'The file {path} already exists; it is not overwritten.',
  },
} as const satisfies Record<string, ErrorSpec>;
