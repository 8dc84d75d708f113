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
  // age v1 (packages/crypto). Decrypt failures name the failed layer, so a damaged download, a wrong
  // key and a wrong passphrase are told apart; the keyring maps age.wrong_passphrase to key.wrong_school_key.
} as const satisfies Record<string, ErrorSpec>;
