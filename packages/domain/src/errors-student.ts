import type { ErrorSpec } from './error-spec.js';

/**
 * Error codes of the Student module and of module imports (SPEC §8). A refused CSV import or
 * leaving record also carries its row-by-row problems in `details.problems` (the route adds them).
 */
export const STUDENT_ERRORS = {
  'student.not_found': {
    http: 404,
    exit: 3,
    'zh-HK': '找不到學生紀錄 {id}。',
    en: 'There is no student record {id}.',
  },
  'student.import_invalid': {
    http: 422,
    exit: 1,
    'zh-HK': '檔案有 {count} 個問題，沒有匯入任何學生資料。請更正後再匯入。',
    en: 'The file has {count} problem(s); no student was imported. Correct them and import again.',
  },
  'student.invalid': {
    http: 422,
    exit: 2,
    'zh-HK': '學生資料有 {count} 個問題，沒有儲存。',
    en: 'The student record has {count} problem(s); nothing was saved.',
  },
  'student.duplicate_strn': {
    http: 409,
    exit: 4,
    'zh-HK': '學生編號 {strn} 已在學生資料內。',
    en: 'Student number {strn} is already in the register.',
  },
  'student.concurrent_update': {
    http: 409,
    exit: 4,
    'zh-HK': '此學生紀錄剛被其他使用者更改，請重新載入後再試。',
    en: 'Someone else has just changed this student record; reload it and try again.',
  },
  'student.already_left': {
    http: 409,
    exit: 4,
    'zh-HK': '學生 {strn} 已設定為離校。',
    en: 'Student {strn} is already recorded as having left.',
  },
  'student.leaving_locked': {
    http: 409,
    exit: 4,
    'zh-HK': '學生 {strn} 的離校資料已在表格 A 訊息內（{status}），不可更改。',
    en: "Student {strn}'s leaving record is in a Form A message ({status}) and cannot be changed.",
  },
  'student.form_a_empty': {
    http: 409,
    exit: 4,
    'zh-HK': '沒有可呈報的離校學生，沒有建立訊息。',
    en: 'There are no leaving students to report; no message was created.',
  },
  'student.form_a_changed': {
    http: 409,
    exit: 4,
    'zh-HK': '預覽後離校學生名單已改變（例如其他使用者已確定表格 A），請重新預備。',
    en: 'The list of leaving students changed after the preview (someone may have confirmed Form A); prepare it again.',
  },
  'module.no_consumer': {
    http: 409,
    exit: 4,
    'zh-HK': '沒有模組可匯入此類訊息（{subject}/{type}）。',
    en: 'No module imports messages of this kind ({subject}/{type}).',
  },
  'module.not_importable': {
    http: 409,
    exit: 4,
    'zh-HK': '訊息 {id} 的狀況為「{status}」，只可匯入已解密或匯入失敗的訊息。',
    en: 'Message {id} is {status}; only decrypted messages or failed imports can be imported.',
  },
} as const satisfies Record<string, ErrorSpec>;
