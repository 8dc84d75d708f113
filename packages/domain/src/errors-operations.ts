import type { ErrorSpec } from './error-spec.js';

/**
 * Error codes of the operations screens: 測試連線's checklist (one code per failed step, so the user
 * learns which part of the path to the hub is broken) and the 設定 of the hub link.
 */
export const OPERATIONS_ERRORS = {
  'connection.dns_failed': {
    http: 502,
    exit: 6,
    'zh-HK': '無法解析主機名稱 {host}。請檢查聯遞系統延伸網址是否正確，以及電腦的 DNS 設定。',
    en: 'The host name {host} cannot be resolved. Check the hub URL and the computer’s DNS settings.',
  },
  'connection.tcp_failed': {
    http: 502,
    exit: 6,
    'zh-HK': '無法與 {host} 的連接埠 {port} 建立連線。中央伺服器可能沒有運作，或網絡／防火牆阻擋了連線。',
    en: 'No connection to {host} port {port}. The hub may be down, or the network or a firewall blocks it.',
  },
  'connection.tls_failed': {
    http: 502,
    exit: 6,
    'zh-HK': '與 {host} 的加密連線（TLS）失敗。請檢查網址及伺服器證書，或聯絡教育局。',
    en: 'The encrypted connection (TLS) to {host} failed. Check the URL and the server certificate, or contact EDB.',
  },
  'connection.http_failed': {
    http: 502,
    exit: 6,
    'zh-HK': '{url} 沒有正確回應聯遞系統中央伺服器的查詢。網址可能指向其他伺服器，請檢查聯遞系統延伸網址。',
    en: '{url} did not answer as the CDS hub does. The URL may point at another server; check the hub URL.',
  },
  'connection.signature_failed': {
    http: 502,
    exit: 7,
    'zh-HK': '中央伺服器的簽署無法核實。請勿繼續並聯絡教育局。',
    en: 'The hub’s signature does not verify. Stop and contact EDB.',
  },
  'connection.clock_skew': {
    http: 502,
    exit: 7,
    'zh-HK':
      '電腦時鐘與中央伺服器相差 {skewSeconds} 秒（上限 {maxSkewSeconds} 秒）：本機時間 {nodeTime}，中央伺服器時間 {hubTime}。請校正電腦時鐘。',
    en: 'The computer’s clock is {skewSeconds} s off the hub’s (at most {maxSkewSeconds} s): this computer {nodeTime}, hub {hubTime}. Correct the computer’s clock.',
  },
  'settings.hub_url_invalid': {
    http: 400,
    exit: 2,
    'zh-HK': '聯遞系統延伸網址 {url} 不可接受：{reason}。請更正網址後再儲存。',
    en: 'The hub URL {url} is not acceptable: {reason}. Correct the URL and save again.',
  },
} as const satisfies Record<string, ErrorSpec>;
