/**
 * The user-facing texts of CDS in Traditional Chinese (Hong Kong) and English, shared by the web
 * app, the server (reports, e-mail) and the CLI. zh-HK is the default (SPEC: the users' language);
 * the English file must have exactly the same keys (locales.test.ts).
 */
import zhCommon from '../locales/zh-HK/common.json' with { type: 'json' };
import enCommon from '../locales/en/common.json' with { type: 'json' };

export const LANGUAGES = ['zh-HK', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-HK';

export const NAMESPACES = ['common'] as const;

export const RESOURCES = {
  'zh-HK': { common: zhCommon },
  en: { common: enCommon },
} as const;

export function isLanguage(value: unknown): value is Language {
  return value === 'zh-HK' || value === 'en';
}
