/**
 * The fixed words of every report in both languages. Code labels (subjects, statuses…) come from
 * @cds/domain's code tables, so a report names a status exactly as the screens do.
 */
import type { Labels, Lang } from '@cds/domain';

export const TEXT = {
  system: { 'zh-HK': '聯遞系統報告', en: 'CDS report' },
  school: { 'zh-HK': '學校', en: 'School' },
  agency: { 'zh-HK': '機構', en: 'Agency' },
  schoolCode: { 'zh-HK': '學校編號', en: 'School code' },
  period: { 'zh-HK': '日期範圍', en: 'Period' },
  through: { 'zh-HK': '至', en: 'to' },
  status: { 'zh-HK': '狀況', en: 'Status' },
  subject: { 'zh-HK': '科目', en: 'Subject' },
  all: { 'zh-HK': '全部', en: 'All' },
  printed: { 'zh-HK': '列印時間', en: 'Printed' },
  user: { 'zh-HK': '使用者', en: 'User' },
  total: { 'zh-HK': '總計', en: 'Total' },
  subtotal: { 'zh-HK': '小計', en: 'Subtotal' },
  messages: { 'zh-HK': '訊息數目', en: 'Messages' },
  changes: { 'zh-HK': '更改次數', en: 'Changes' },
  noRecords: { 'zh-HK': '沒有符合條件的紀錄。', en: 'No records match the criteria.' },
  endOfReport: { 'zh-HK': '— 報告完 —', en: '— End of report —' },
  summaryHeading: { 'zh-HK': '撮要', en: 'Summary' },
  listSheet: { 'zh-HK': '清單', en: 'List' },
  infoSheet: { 'zh-HK': '報告資料', en: 'Report' },
  report: { 'zh-HK': '報告', en: 'Report' },
  byCombination: {
    'zh-HK': '按科目、類別、加密級別、優先次序及狀況統計',
    en: 'By subject, type, encryption level, priority and status',
  },
  by: { 'zh-HK': '按{what}統計', en: 'By {what}' },
} as const satisfies Record<string, Labels>;

export function t(labels: Labels, lang: Lang): string {
  return labels[lang];
}

/** "第 X 頁，共 Y 頁" / "Page X of Y". */
export function pageLabel(page: number, pages: number, lang: Lang): string {
  return lang === 'zh-HK' ? `第 ${page} 頁，共 ${pages} 頁` : `Page ${page} of ${pages}`;
}

/** "總計：N 項" / "Total: N" lines under a list. */
export function countLabel(count: number, lang: Lang): string {
  return lang === 'zh-HK' ? `共 ${count.toLocaleString('en')} 項` : `${count.toLocaleString('en')} in all`;
}

export function byLabel(what: Labels, lang: Lang): string {
  return TEXT.by[lang].replace('{what}', lang === 'en' ? what.en.toLowerCase() : what[lang]);
}
