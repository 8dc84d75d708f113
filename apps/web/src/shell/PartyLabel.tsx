import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { nodeInfoQuery } from '../api/session';

/** 學校編號 123456 (with the school's name when the node has one), or the agency's name and code. */
export function usePartyLabel(party: string | undefined, nodeRole: 'school' | 'agency' | undefined): string {
  const { t } = useTranslation();
  const name = useQuery(nodeInfoQuery).data?.name ?? null;
  if (party === undefined) return '';
  if (nodeRole === 'agency') {
    return t('party.agency', { code: party, name: t(`party.agencyNames.${party}`, { defaultValue: party }) });
  }
  return name ? t('party.schoolNamed', { code: party, name }) : t('party.school', { code: party });
}
