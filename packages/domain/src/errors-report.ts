import type { ErrorSpec } from './error-spec.js';

/** Error codes of the reports (SPEC §6, 聯遞系統報告); see errors.ts for how they are used. */
export const REPORT_ERRORS = {
  'report.unknown_slug': {
    http: 404,
    exit: 2,
    'zh-HK': '沒有名為「{slug}」的報告；可用的報告：{slugs}。',
    en: 'There is no report called "{slug}". Available reports: {slugs}.',
  },
  'report.invalid_date': {
    http: 400,
    exit: 2,
    'zh-HK': '{fieldLabel}日期「{value}」不正確，請以 YYYY-MM-DD 格式輸入有效日期。',
    en: 'The {field} date "{value}" is not valid; give a real date as YYYY-MM-DD.',
  },
  'report.date_range_reversed': {
    http: 400,
    exit: 2,
    'zh-HK': '開始日期 {from} 後於結束日期 {to}。',
    en: 'The start date {from} is after the end date {to}.',
  },
  'report.date_range_too_long': {
    http: 400,
    exit: 2,
    'zh-HK': '日期範圍 {from} 至 {to} 超過上限 {maxDays} 日。',
    en: 'The date range {from} to {to} is longer than the limit of {maxDays} days.',
  },
  'report.criterion_not_supported': {
    http: 400,
    exit: 2,
    'zh-HK': '報告「{slug}」不可按{criterionLabel}篩選。',
    en: 'The report "{slug}" cannot be filtered by {criterion}.',
  },
  'report.unsupported_format': {
    http: 400,
    exit: 2,
    'zh-HK': '報告格式「{format}」不受支援（可選 pdf、xlsx）。',
    en: 'The report format "{format}" is not supported (pdf or xlsx).',
  },
  'report.font_missing': {
    http: 500,
    exit: 1,
    'zh-HK': '找不到報告所需的中文字型 {path}（請安裝 fonts-noto-cjk）。',
    en: 'The CJK font the reports need was not found at {path} (install fonts-noto-cjk).',
  },
} as const satisfies Record<string, ErrorSpec>;
