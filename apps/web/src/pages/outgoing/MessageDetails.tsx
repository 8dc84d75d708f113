import { Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ENCRYPTION_LEVEL_TABLE, MESSAGE_TYPES, PRIORITY_TABLE, SUBJECTS, label } from '@cds/domain';
import type { OutgoingDetails } from '../../api/outgoing';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/useLang';
import { usePartyName } from './OutgoingListPage';
import { StatusBadge } from './StatusBadge';
import { reasonText } from './reason';

function Field({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {name}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** 檢視訊息: everything the node knows about one outgoing message, read-only. */
export function MessageDetails({ message }: { message: OutgoingDetails }) {
  const { t } = useTranslation('outgoing');
  const lang = useLang();
  const party = usePartyName();
  return (
    <Stack>
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="md">
          <Field name={t('field.status')}>
            <StatusBadge status={message.status} />
          </Field>
          <Field name={t('field.to')}>{message.to.map(party).join('、')}</Field>
          <Field name={t('field.owner')}>{message.owner}</Field>
          <Field name={SUBJECTS.title[lang]}>{label(SUBJECTS, message.subject, lang)}</Field>
          <Field name={MESSAGE_TYPES.title[lang]}>{label(MESSAGE_TYPES, message.type, lang)}</Field>
          <Field name={PRIORITY_TABLE.title[lang]}>{label(PRIORITY_TABLE, message.priority, lang)}</Field>
          <Field name={ENCRYPTION_LEVEL_TABLE.title[lang]}>
            {label(ENCRYPTION_LEVEL_TABLE, message.encryptionLevel, lang)}
          </Field>
          <Field name={t('field.schoolReference')}>{message.schoolReference ?? '—'}</Field>
          <Field name={t('field.replyDeadline')}>{formatDateTime(message.replyDeadline)}</Field>
          <Field name={t('field.createdAt')}>{formatDateTime(message.createdAt)}</Field>
          <Field name={t('field.sealedAt')}>{formatDateTime(message.sealedAt)}</Field>
          <Field name={t('field.sentAt')}>{formatDateTime(message.sentAt)}</Field>
          <Field name={t('field.receivedAt')}>{formatDateTime(message.receivedAt)}</Field>
          <Field name={t('field.attempts')}>{message.attempts}</Field>
          {message.archived ? (
            <Field name={t('field.archived')}>
              <Badge variant="outline">{t('common:menu.archive')}</Badge>
            </Field>
          ) : null}
        </SimpleGrid>
        {message.lastError ? (
          <Text size="sm" c="red.9" mt="md" role="note">
            {t(message.status === 'REJECTED' ? 'list.rejectedReason' : 'list.failedReason', {
              reason: reasonText(message.lastError, lang, message.lastErrorDetails),
            })}
          </Text>
        ) : null}
      </Paper>
      {message.exports.length > 0 ? (
        <Paper withBorder p="lg">
          <Title order={2} size="h4" mb="sm">
            {t('export.history')}
          </Title>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('export.at')}</Table.Th>
                <Table.Th>{t('export.by')}</Table.Th>
                <Table.Th>{t('export.file')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {message.exports.map((move) => (
                <Table.Tr key={`${move.at}-${move.file}`}>
                  <Table.Td>{formatDateTime(move.at)}</Table.Td>
                  <Table.Td>{move.by.replace(/^web:/, '')}</Table.Td>
                  <Table.Td>{move.file}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
}
