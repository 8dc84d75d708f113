import type { ErrorSpec } from './error-spec.js';

/** Error codes of the relay area (see errors.ts for how they are used). */
export const RELAY_ERRORS = {
  'relay.id_mismatch': {
    http: 400,
    exit: 7,
    'zh-HK': '路由標頭屬於訊息 {headerId}，不是 {id}。',
    en: 'The routing header is for message {headerId}, not {id}.',
  },
  'relay.sender_mismatch': {
    http: 403,
    exit: 7,
    'zh-HK': '路由標頭的發送方是 {from}，但請求由 {party} 簽署。',
    en: 'The routing header says it is from {from}, but {party} signed the request.',
  },
  'relay.id_conflict': {
    http: 409,
    exit: 7,
    'zh-HK': '訊息 {id} 已以其他內容傳送至中央伺服器；更改後的訊息須使用新的編號。',
    en: 'Message {id} was already accepted with other content; a changed message needs a new id.',
  },
  'relay.unknown_recipient': {
    http: 422,
    exit: 7,
    'zh-HK': '收件者 {parties} 未在中央伺服器註冊或已被撤銷。',
    en: 'Recipient {parties} is not registered at the hub, or was revoked.',
  },
  'relay.too_large': {
    http: 413,
    exit: 7,
    'zh-HK': '訊息內容有 {size} 位元組，超過中央伺服器上限 {limit} 位元組。',
    en: 'The payload of {size} bytes exceeds the hub limit of {limit} bytes.',
  },
  'relay.size_mismatch': {
    http: 400,
    exit: 7,
    'zh-HK': '上載內容的長度（{actual}）與路由標頭的 payloadSize（{expected}）不符。',
    en: 'The upload is {actual} bytes long but the routing header says {expected}.',
  },
  'relay.message_not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '中央伺服器沒有你的訊息 {id}。',
    en: 'The hub holds no message {id} of yours.',
  },
  'relay.not_a_recipient': {
    http: 403,
    exit: 5,
    'zh-HK': '{party} 不是訊息 {id} 的收件者。',
    en: '{party} is not a recipient of message {id}.',
  },
  'relay.delivery_settled': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息 {id} 給 {party} 的傳遞已經是 {state}，不可更改。',
    en: 'The delivery of message {id} to {party} is already {state}; it cannot change.',
  },
  'relay.range_not_satisfiable': {
    http: 416,
    exit: 2,
    'zh-HK': '所要求的位元組範圍 {range} 超出內容長度 {size}。',
    en: 'The requested byte range {range} lies outside the {size}-byte payload.',
  },
  'receipt.invalid': {
    http: 422,
    exit: 7,
    'zh-HK': '收據無效，不會採用。請聯絡技術支援並提供技術資料。',
    en: 'The receipt is not valid, so it is not used. Contact technical support with the technical detail.',
  },
  // Transport authentication (packages/transport, RFC 9421). Each refusal has its own code so the node's
  // 測試連線 can say exactly what is wrong: its clock, its key, or a damaged request.
} as const satisfies Record<string, ErrorSpec>;
