import { useState } from 'react';
import { Alert, Anchor, Checkbox, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle, IconBan, IconLock } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MESSAGE_TYPES, PRIORITY_TABLE, SUBJECTS, label } from '@cds/domain';
import { readyQueueQuery, type OutgoingRow } from '../../api/outgoing';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/useLang';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { ActionButton } from './ActionButton';
import { usePartyName } from './OutgoingListPage';
import { RejectModal } from './RejectModal';
import { SealModal } from './SealModal';
import { announceOutcomes } from './outcomes';

/**
 * 處理訊息: the key holder's queue of 可輸出 (READY) messages from every user. Select several, then
 * 加密 with the School Key entered once, or 拒絕 with a reason the owner will see.
 */
export function ProcessPage() {
  const { t } = useTranslation('outgoing');
  const lang = useLang();
  const party = usePartyName();
  const queryClient = useQueryClient();
  const query = useQuery(readyQueueQuery);
  const rows = query.data?.items ?? [];
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<'seal' | 'reject' | null>(null);
  const selected: OutgoingRow[] = rows.filter((row) => picked.has(row.id));
  const none = selected.length === 0 ? t('selection.none') : null;

  const finish = async () => {
    setDialog(null);
    setPicked(new Set());
    await queryClient.invalidateQueries({ queryKey: ['outgoing'] });
  };

  return (
    <Stack>
      <PageHeader title={t('common:menu.outgoingProcess')} intro={t('process.intro')} />
      <Paper withBorder p="sm">
        <Group gap="sm">
          <Text size="sm" fw={500} aria-live="polite" mr="sm">
            {t('selection.count', { count: selected.length })}
          </Text>
          <ActionButton
            label={t('process.seal')}
            icon={<IconLock size={16} />}
            variant="filled"
            reason={none}
            onClick={() => setDialog('seal')}
          />
          <ActionButton
            label={t('process.reject')}
            icon={<IconBan size={16} />}
            color="red"
            reason={none}
            onClick={() => setDialog('reject')}
          />
        </Group>
      </Paper>
      {query.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(query.error, t)}
        </Alert>
      ) : null}
      <Paper withBorder className="cds-table-wrap">
        <Table striped highlightOnHover miw={900} data-testid="process-table">
          <Table.Thead style={{ whiteSpace: 'nowrap' }}>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('selection.all')}
                  checked={rows.length > 0 && picked.size === rows.length}
                  indeterminate={picked.size > 0 && picked.size < rows.length}
                  onChange={(event) =>
                    setPicked(event.currentTarget.checked ? new Set(rows.map((row) => row.id)) : new Set())
                  }
                />
              </Table.Th>
              <Table.Th>{t('field.description')}</Table.Th>
              <Table.Th>{t('field.to')}</Table.Th>
              <Table.Th>{SUBJECTS.title[lang]}</Table.Th>
              <Table.Th>{MESSAGE_TYPES.title[lang]}</Table.Th>
              <Table.Th>{PRIORITY_TABLE.title[lang]}</Table.Th>
              <Table.Th>{t('field.owner')}</Table.Th>
              <Table.Th>{t('field.createdAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending ? (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Group justify="center" p="lg">
                    <Loader size="sm" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {query.isSuccess && rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text ta="center" c="dimmed" p="lg">
                    {t('process.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {rows.map((row) => (
              <Table.Tr key={row.id} data-id={row.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={t('selection.row', { description: row.description })}
                    checked={picked.has(row.id)}
                    onChange={(event) => {
                      const next = new Set(picked);
                      if (event.currentTarget.checked) next.add(row.id);
                      else next.delete(row.id);
                      setPicked(next);
                    }}
                  />
                </Table.Td>
                <Table.Td maw={320}>
                  <Anchor
                    renderRoot={(props) => <Link {...props} to="/outgoing/$id" params={{ id: row.id }} />}
                    size="sm"
                    fw={500}
                  >
                    {row.description}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.to.map(party).join('、')}</Table.Td>
                <Table.Td>{label(SUBJECTS, row.subject, lang)}</Table.Td>
                <Table.Td>{label(MESSAGE_TYPES, row.type, lang)}</Table.Td>
                <Table.Td>{label(PRIORITY_TABLE, row.priority, lang)}</Table.Td>
                <Table.Td>{row.owner}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <SealModal messages={selected} opened={dialog === 'seal'} onClose={() => void finish()} />
      <RejectModal
        messages={selected}
        opened={dialog === 'reject'}
        onClose={(outcomes) => {
          if (outcomes === null) setDialog(null);
          else {
            announceOutcomes(outcomes, 'outcome.reject', t);
            void finish();
          }
        }}
      />
    </Stack>
  );
}
