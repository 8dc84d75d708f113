/**
 * The user-facing texts of CDS in Traditional Chinese (Hong Kong) and English, shared by the web
 * app, the server (reports, e-mail) and the CLI. zh-HK is the default (SPEC: the users' language);
 * the English file must have exactly the same keys (locales.test.ts).
 */
// One namespace per area of the app, so the areas' texts live apart (t('outgoing:list.title')).
import zh_common from '../locales/zh-HK/common.json' with { type: 'json' };
import en_common from '../locales/en/common.json' with { type: 'json' };
import zh_outgoing from '../locales/zh-HK/outgoing.json' with { type: 'json' };
import en_outgoing from '../locales/en/outgoing.json' with { type: 'json' };
import zh_incoming from '../locales/zh-HK/incoming.json' with { type: 'json' };
import en_incoming from '../locales/en/incoming.json' with { type: 'json' };
import zh_operations from '../locales/zh-HK/operations.json' with { type: 'json' };
import en_operations from '../locales/en/operations.json' with { type: 'json' };
import zh_notices from '../locales/zh-HK/notices.json' with { type: 'json' };
import en_notices from '../locales/en/notices.json' with { type: 'json' };
import zh_student from '../locales/zh-HK/student.json' with { type: 'json' };
import en_student from '../locales/en/student.json' with { type: 'json' };

export const LANGUAGES = ['zh-HK', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-HK';

export const NAMESPACES = ['common', 'outgoing', 'incoming', 'operations', 'notices', 'student'] as const;

export const RESOURCES = {
  'zh-HK': {
    common: zh_common,
    outgoing: zh_outgoing,
    incoming: zh_incoming,
    operations: zh_operations,
    notices: zh_notices,
    student: zh_student,
  },
  en: {
    common: en_common,
    outgoing: en_outgoing,
    incoming: en_incoming,
    operations: en_operations,
    notices: en_notices,
    student: en_student,
  },
} as const;

export function isLanguage(value: unknown): value is Language {
  return value === 'zh-HK' || value === 'en';
}
