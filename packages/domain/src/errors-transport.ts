import type { ErrorSpec } from './error-spec.js';

/** Error codes of the transport area (see errors.ts for how they are used). */
export const TRANSPORT_ERRORS = {
  'transport.signature_missing': {
    http: 401,
    exit: 7,
    'zh-HK': '送往中央伺服器的請求沒有傳送簽署（需要 Signature 及 Signature-Input）。',
    en: 'The request carries no transport signature (Signature and Signature-Input are required).',
  },
  'transport.signature_invalid': {
    http: 401,
    exit: 7,
    'zh-HK': '傳送簽署的格式不正確，要求被拒絕。請確認使用最新版本的聯遞系統；如問題持續，請聯絡技術支援。',
    en: 'The transport signature is malformed, so the request was refused. Make sure this CDS version is current; if it persists, contact technical support.',
  },
  'transport.signature_components': {
    http: 401,
    exit: 7,
    'zh-HK': '傳送簽署涵蓋的部分不正確（需要 {required}，收到 {actual}）。',
    en: 'The transport signature covers the wrong components (required {required}, got {actual}).',
  },
  'transport.unsupported_algorithm': {
    http: 401,
    exit: 7,
    'zh-HK': '不支援傳送簽署演算法 {alg}（只接受 ed25519）。',
    en: 'The transport signature algorithm {alg} is not supported (only ed25519).',
  },
  'transport.unknown_key': {
    http: 401,
    exit: 7,
    'zh-HK': '中央伺服器不認識傳送密碼匙 {keyid}（未註冊或已被撤銷）。',
    en: 'The hub does not know transport key {keyid} (not registered, or revoked).',
  },
  'transport.bad_signature': {
    http: 401,
    exit: 7,
    'zh-HK': '傳送簽署驗證失敗：請求在簽署後被改動，或並非由密碼匙 {keyid} 簽署。',
    en: 'The transport signature does not verify: the request was altered after signing or not signed by key {keyid}.',
  },
  'transport.stale_signature': {
    http: 401,
    exit: 7,
    'zh-HK': '傳送簽署已於 {requestExpires} 過期（中央伺服器時間 {hubTime}，請求建立於 {requestCreated}）。',
    en: 'The transport signature expired at {requestExpires} (hub time {hubTime}, request created {requestCreated}).',
  },
  'transport.clock_skew': {
    http: 401,
    exit: 7,
    'zh-HK':
      '節點時鐘比中央伺服器快超過 {maxSkewSeconds} 秒：中央伺服器時間 {hubTime}，請求時間 {requestCreated}。請校正電腦時鐘。',
    en: "The node's clock is more than {maxSkewSeconds} s ahead of the hub: hub time {hubTime}, request time {requestCreated}. Correct the computer's clock.",
  },
  'transport.replayed': {
    http: 401,
    exit: 7,
    'zh-HK': '此請求已被接收過（nonce 重複），不會再次處理。',
    en: 'This request was already received (repeated nonce); it is not processed again.',
  },
  'transport.bad_digest': {
    http: 400,
    exit: 7,
    'zh-HK': '請求內容與其 Content-Digest 不符（可能在傳送途中損壞），要求被拒絕。請重試。',
    en: 'The request body does not match its Content-Digest (damaged on the way?), so the request was refused. Try again.',
  },
  'transport.hub_unreachable': {
    http: 503,
    exit: 6,
    'zh-HK': '無法連線至聯遞系統中央伺服器（{url}）。請檢查網絡及聯遞系統延伸網址設定。',
    en: 'The CDS hub cannot be reached ({url}). Check the network and the hub URL setting.',
    reasoned: {
      'zh-HK': '無法連線至聯遞系統中央伺服器：{reason}。請在「設定」輸入聯遞系統延伸網址。',
      en: 'The CDS hub cannot be reached: {reason}. Enter the hub URL in Settings.',
    },
  },
  'transport.hub_refused': {
    http: 502,
    exit: 7,
    'zh-HK': '聯遞系統中央伺服器拒絕了要求（{status}）。請稍後再試；如問題持續，請聯絡教育局並提供技術資料。',
    en: 'The CDS hub refused the request ({status}). Try again later; if it persists, contact EDB with the technical detail.',
  },
  'transport.hub_key_mismatch': {
    http: 502,
    exit: 7,
    'zh-HK': '中央伺服器的簽署密碼匙指紋 {actual} 與已固定的 {expected} 不符，請勿繼續並聯絡教育局。',
    en: 'The hub signing key fingerprint {actual} does not match the pinned {expected}. Stop and contact EDB.',
  },
} as const satisfies Record<string, ErrorSpec>;
