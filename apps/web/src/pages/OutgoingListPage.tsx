import { useState } from 'react';
import { Badge, Group, Loader, Paper, Select, Stack, Table, Text, TextInput, Alert } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ENCRYPTION_LEVEL_TABLE,
  MESSAGE_TYPES,
  OUTGOING_STATUS_TABLE,
  PRIORITY_TABLE,
  SUBJECTS,
  label,
  type OutgoingStatus,
} from '@cds/domain';
import { outgoingQuery } from '../api/messages';
import { formatDateTime } from '../lib/format';
import { useLang } from '../lib/useLang';
import { PageHeader } from '../shell/PageHeader';
import { errorText } from '../shell/errorText';

/** Status colours follow the message's journey: ready (blue) → on its way → received (green), or stuck (red). */
const STATUS_COLOUR: Readonly<Record<OutgoingStatus, string>> = {
  READY: 'cds',
  PROCESSING: 'orange',
  SENT: 'teal',
  RECEIVED: 'green',
  SEND_FAIL: 'red',
  REJECTED: 'gray',
};

export function StatusBadge({ status }: { status: string }) {
  const lang = useLang();
  const colour = STATUS_COLOUR[status as OutgoingStatus] ?? 'gray';
  return (
    <Badge
      color={colour}
      variant="light"
      radius="sm"
      size="md"
      data-status={status}
      style={{ overflow: 'visible' }}
    >
      {label(OUTGOING_STATUS_TABLE, status, lang)}
    </Badge>
  );
}

/** 寄發訊息 (編修訊息's list): search and a status filter over the node's outgoing box, read-only. */
export function OutgoingListPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(text, 300);
  const query = useQuery(outgoingQuery({ status, text: debounced }));
  const party = (code: string) => t(`party.agencyNames.${code}`, { defaultValue: code });

  return (
    <Stack>
      <PageHeader title={t('outgoing.title')} intro={t('outgoing.intro')} />
      <Paper withBorder p="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            label={t('common.search')}
            placeholder={t('outgoing.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            w={{ base: '100%', sm: 360 }}
          />
          <Select
            label={t('outgoing.statusFilter')}
            placeholder={t('common.all')}
            clearable
            value={status}
            onChange={setStatus}
            data={OUTGOING_STATUS_TABLE.entries.map((entry) => ({ value: entry.code, label: entry[lang] }))}
            w={{ base: '100%', sm: 200 }}
          />
          {query.data ? (
            <Text size="sm" c="dimmed" ml="auto" aria-live="polite">
              {t('outgoing.count', { count: query.data.length })}
            </Text>
          ) : null}
        </Group>
      </Paper>
      {query.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(query.error, t)}
        </Alert>
      ) : null}
      <Paper withBorder className="cds-table-wrap">
        <Table striped highlightOnHover stickyHeader miw={960} data-testid="outgoing-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('outgoing.description')}</Table.Th>
              <Table.Th>{t('outgoing.to')}</Table.Th>
              <Table.Th>{SUBJECTS.title[lang]}</Table.Th>
              <Table.Th>{MESSAGE_TYPES.title[lang]}</Table.Th>
              <Table.Th>{PRIORITY_TABLE.title[lang]}</Table.Th>
              <Table.Th>{t('outgoing.status')}</Table.Th>
              <Table.Th>{t('outgoing.createdAt')}</Table.Th>
              <Table.Th>{t('outgoing.sentAt')}</Table.Th>
              <Table.Th>{t('outgoing.owner')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending ? (
              <Table.Tr>
                <Table.Td colSpan={9}>
                  <Group justify="center" p="lg">
                    <Loader size="sm" />
                    <Text size="sm">{t('common.loading')}</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {query.data?.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={9}>
                  <Text ta="center" c="dimmed" p="lg">
                    {t('outgoing.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {query.data?.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td maw={320}>
                  <Text size="sm" fw={500} lineClamp={2}>
                    {row.description}
                  </Text>
                  {row.encryptionLevel === 'CONFIDENTIAL' ? (
                    <Badge size="xs" color="red" variant="outline" mt={4}>
                      {label(ENCRYPTION_LEVEL_TABLE, row.encryptionLevel, lang)}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{row.to.map(party).join('、')}</Table.Td>
                <Table.Td>{label(SUBJECTS, row.subject, lang)}</Table.Td>
                <Table.Td>{label(MESSAGE_TYPES, row.type, lang)}</Table.Td>
                <Table.Td>
                  {row.priority === 'URGENT' ? (
                    <Text size="sm" c="red.8" fw={600} span>
                      {label(PRIORITY_TABLE, row.priority, lang)}
                    </Text>
                  ) : (
                    label(PRIORITY_TABLE, row.priority, lang)
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 120 }}>
                  <StatusBadge status={row.status} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.createdAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.sentAt)}</Table.Td>
                <Table.Td>{row.owner}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
