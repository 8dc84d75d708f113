import { useTranslation } from 'react-i18next';

/** 學校編號 123456, or the agency's name and code. */
export function usePartyLabel(party: string | undefined, nodeRole: 'school' | 'agency' | undefined): string {
  const { t } = useTranslation();
  if (party === undefined) return '';
  if (nodeRole === 'agency') {
    return t('party.agency', { code: party, name: t(`party.agencyNames.${party}`, { defaultValue: party }) });
  }
  return t('party.school', { code: party });
}
