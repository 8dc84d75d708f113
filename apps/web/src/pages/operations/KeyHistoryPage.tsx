import { Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keyHistoryQuery } from '../../api/operations';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../shell/PageHeader';
import { ErrorAlert, Loading, Mono } from './shared';

/** 學校密碼匙更改紀錄: every key change — time, user, key, fingerprint, validity, reason; never key material. */
export function KeyHistoryPage() {
  const { t } = useTranslation('operations');
  const history = useQuery(keyHistoryQuery);
  return (
    <Stack>
      <PageHeader title={t('common:menu.keyHistory')} intro={t('history.intro')} />
      <ErrorAlert error={history.error} />
      {history.isPending ? <Loading /> : null}
      {history.data?.length === 0 ? <Text c="dimmed">{t('history.empty')}</Text> : null}
      {history.data && history.data.length > 0 ? (
        <Paper withBorder className="cds-table-wrap">
          <Table striped miw={900} data-testid="key-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('history.at')}</Table.Th>
                <Table.Th>{t('history.user')}</Table.Th>
                <Table.Th>{t('keys.fingerprint')}</Table.Th>
                <Table.Th>{t('keys.validFrom')}</Table.Th>
                <Table.Th>{t('keys.validTo')}</Table.Th>
                <Table.Th>{t('history.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.at)}</Table.Td>
                  <Table.Td>{row.user.replace(/^(web|cli):/, '')}</Table.Td>
                  <Table.Td>
                    <Mono>{row.fingerprint}</Mono>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.validFrom)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.validTo)}</Table.Td>
                  <Table.Td>{t(`history.reasons.${row.reason}`, { defaultValue: row.reason })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
}
