import type { ErrorSpec } from './error-spec.js';

/** Error codes of notifications (SPEC §6, 通知 and 維護通知); see errors.ts for how they are used. */
export const NOTICE_ERRORS = {
  'notice.not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到通知「{id}」，它可能已不適用。請重新載入。',
    en: 'The notification "{id}" no longer applies. Reload the page.',
  },
  'notice.not_dismissible': {
    http: 409,
    exit: 4,
    'zh-HK': '此通知不可設為不再顯示；請先處理有關事項。',
    en: 'This notification cannot be dismissed; deal with its cause instead.',
  },
  'notice.kind_not_dismissible': {
    http: 400,
    exit: 2,
    'zh-HK': '「{kind}」類通知（密碼匙已過期、未註冊、輸送失敗）不可設為可不再顯示。',
    en: 'Notifications of kind "{kind}" (key expired, not registered, send failure) cannot be made dismissible.',
  },
  'notice.unknown_group': {
    http: 400,
    exit: 2,
    'zh-HK': '此節點沒有使用者組別「{group}」。',
    en: 'This node has no user group "{group}".',
  },
  'notice.no_audience': {
    http: 400,
    exit: 2,
    'zh-HK': '請最少選擇一個使用者組別。',
    en: 'Choose at least one user group.',
  },
  'notice.invalid_period': {
    http: 400,
    exit: 2,
    'zh-HK': '有效期不正確：結束時間必須後於開始時間。',
    en: 'The validity period is not valid: the end must be after the start.',
  },
  'notice.maintenance_not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到維護通知「{id}」，它可能已被刪除。',
    en: 'The maintenance notice "{id}" does not exist; it may have been deleted.',
  },
} as const satisfies Record<string, ErrorSpec>;
