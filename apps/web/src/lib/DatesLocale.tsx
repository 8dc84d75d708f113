import 'dayjs/locale/zh-hk';
import 'dayjs/locale/en';
import type { ReactNode } from 'react';
import { DatesProvider } from '@mantine/dates';
import type { Language } from '@cds/i18n';
import { useLang } from './useLang';

/** The dayjs locale of each UI language (month and weekday names in the calendars). */
export const DAYJS_LOCALE: Record<Language, string> = { 'zh-HK': 'zh-hk', en: 'en' };

/**
 * Calendars follow the UI language and the Hong Kong week: weeks start on Sunday (as printed
 * calendars in Hong Kong do), Saturday and Sunday are shown as the weekend.
 */
export function DatesLocale({ children }: { children: ReactNode }) {
  const lang = useLang();
  return (
    <DatesProvider settings={{ locale: DAYJS_LOCALE[lang], firstDayOfWeek: 0, weekendDays: [0, 6] }}>
      {children}
    </DatesProvider>
  );
}
