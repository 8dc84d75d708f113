import { useState } from 'react';
import { Alert, Anchor, Checkbox, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle, IconFileZip } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SUBJECTS, label } from '@cds/domain';
import { exportBundle, exportableQuery } from '../../api/outgoing';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/useLang';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { ActionButton } from './ActionButton';
import { usePartyName } from './OutgoingListPage';
import { notify } from './notify';
import { reasonText } from './reason';

/**
 * 匯出訊息 (SPEC §5, exercise 4): the 輸送失敗 messages; select, 匯出, and the browser saves the
 * signed .zip bundle to hand to EDB. Each message then shows when, by whom and into which file it
 * was exported (it stays 輸送失敗 until the hub has ingested the bundle).
 */
export function ExportPage() {
  const { t } = useTranslation('outgoing');
  const lang = useLang();
  const party = usePartyName();
  const queryClient = useQueryClient();
  const query = useQuery(exportableQuery);
  const rows = query.data?.items ?? [];
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const selected = rows.filter((row) => picked.has(row.id));

  const run = async () => {
    setBusy(true);
    try {
      const { file } = await exportBundle(selected.map((row) => row.id));
      notify('green', t('export.done', { count: selected.length, file }));
      setPicked(new Set());
      await queryClient.invalidateQueries({ queryKey: ['outgoing'] });
    } catch (failure) {
      notify('red', errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <PageHeader title={t('common:menu.export')} intro={t('export.intro')} />
      <Paper withBorder p="sm">
        <Group gap="sm">
          <Text size="sm" fw={500} aria-live="polite" mr="sm">
            {t('selection.count', { count: selected.length })}
          </Text>
          <ActionButton
            label={t('export.submit')}
            icon={<IconFileZip size={16} />}
            variant="filled"
            loading={busy}
            reason={selected.length === 0 ? t('selection.none') : null}
            onClick={() => void run()}
          />
        </Group>
      </Paper>
      {query.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(query.error, t)}
        </Alert>
      ) : null}
      <Paper withBorder className="cds-table-wrap">
        <Table striped highlightOnHover miw={960} data-testid="export-table">
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
              <Table.Th>{t('export.reason')}</Table.Th>
              <Table.Th>{t('field.attempts')}</Table.Th>
              <Table.Th>{t('export.exported')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending ? (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Group justify="center" p="lg">
                    <Loader size="sm" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {query.isSuccess && rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text ta="center" c="dimmed" p="lg">
                    {t('export.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {rows.map((row) => {
              const last = row.exports[row.exports.length - 1];
              return (
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
                  <Table.Td maw={300}>
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
                  <Table.Td maw={240}>
                    <Text size="sm" c="red.9">
                      {row.lastError ? reasonText(row.lastError, lang, row.lastErrorDetails) : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.attempts}</Table.Td>
                  <Table.Td data-testid="exported-cell">
                    {last ? (
                      <Stack gap={0}>
                        <Text size="sm">{formatDateTime(last.at)}</Text>
                        <Text size="xs" c="dimmed">
                          {t('export.byFile', { user: last.by.replace(/^web:/, ''), file: last.file })}
                        </Text>
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('export.never')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
