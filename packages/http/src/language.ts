import type { Lang } from '@cds/domain';

/** zh-HK is the default (SPEC: users work in Traditional Chinese first); English on request. */
export function pickLanguage(acceptLanguage: string | undefined, cookieLang?: string): Lang {
  if (cookieLang === 'en' || cookieLang === 'zh-HK') return cookieLang;
  if (!acceptLanguage) return 'zh-HK';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-HK';
}
