import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveLanguage, sessionQuery } from '../api/session';
import { applyLanguage, currentLanguage } from '../lib/i18n';

/** 中文 / English. When logged in, the choice is also saved with the user for other computers. */
export function LanguageSwitch({ variant = 'light' }: { variant?: 'light' | 'dark' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const change = async (value: string) => {
    const lang = value === 'en' ? 'en' : 'zh-HK';
    await applyLanguage(lang);
    if (queryClient.getQueryData(sessionQuery.queryKey)) await saveLanguage(lang).catch(() => undefined);
  };
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(value) => void change(value)}
      data={[
        { value: 'zh-HK', label: t('language.zh-HK') },
        { value: 'en', label: t('language.en') },
      ]}
      styles={
        variant === 'dark'
          ? {
              root: { backgroundColor: 'rgba(255,255,255,0.14)' },
              label: { color: '#fff' },
              indicator: { backgroundColor: 'rgba(255,255,255,0.28)' },
            }
          : undefined
      }
    />
  );
}
