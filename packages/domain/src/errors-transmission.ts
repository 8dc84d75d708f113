import type { ErrorSpec } from './error-spec.js';

/** Error codes of the transmission area (see errors.ts for how they are used). */
export const TRANSMISSION_ERRORS = {
  'transmission.already_running': {
    http: 409,
    exit: 4,
    'zh-HK': '傳送已在進行中（由 {holder} 開始）。',
    en: 'A transmission cycle is already running (held by {holder}).',
  },
  'transmission.lease_lost': {
    http: 409,
    exit: 4,
    'zh-HK': '傳送週期失去了執行權（已由 {holder} 接手），已停止。',
    en: 'The transmission cycle lost its lease (now held by {holder}) and stopped.',
  },
  'transmission.run_not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到傳送週期 {id}（只保留本伺服器最近的週期）。',
    en: 'Transmission cycle {id} was not found (this server keeps only its recent cycles).',
  },
  // 設定時間輸送 (SPEC §4).
  'schedule.invalid': {
    http: 400,
    exit: 2,
    'zh-HK': '設定時間輸送不正確：{reason}。請更正後再儲存。',
    en: 'The transmission schedule is not valid: {reason}. Correct it and save again.',
  },
  'schedule.interval_agency_only': {
    http: 400,
    exit: 2,
    'zh-HK': '只有機構可按固定間隔傳送；學校請設定每日時間及星期。',
    en: 'Only agencies may transmit at a fixed interval; a school sets daily times and weekdays.',
  },
  // 聯遞系統紀錄 (SPEC §4): one CDS_yyyyMMdd.log per Hong Kong day on which a cycle ran.
  'log.invalid_date': {
    http: 400,
    exit: 2,
    'zh-HK': '日期「{date}」不正確，請用 YYYY-MM-DD 格式。',
    en: 'The date "{date}" is not valid; use YYYY-MM-DD.',
  },
  'log.not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '{date} 沒有聯遞系統紀錄（當日沒有執行傳送）。',
    en: 'There is no CDS log for {date} (no cycle ran that day).',
  },
  // age v1 (packages/crypto). Decrypt failures name the failed layer, so a damaged download, a wrong
  // key and a wrong passphrase are told apart; the keyring maps age.wrong_passphrase to key.wrong_school_key.
} as const satisfies Record<string, ErrorSpec>;
