import type { ReactNode } from 'react';
import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ENCRYPTION_LEVEL_TABLE, MESSAGE_TYPES, PRIORITY_TABLE, SUBJECTS, label } from '@cds/domain';
import type { IncomingDetails } from '../../api/incoming';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/useLang';
import { IncomingStatusBadge } from './IncomingStatusBadge';

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} component="dt">
        {name}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

/** The routing header's fields as the sender signed them, the sender, status and business state. */
export function MessageFields({ message }: { message: IncomingDetails }) {
  const { t } = useTranslation('incoming');
  const lang = useLang();
  const sender = t(`common:party.agencyNames.${message.from}`, { defaultValue: '' });
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="incoming-fields"
      data-testid="message-fields"
    >
      <Title order={2} size="h4" mb="sm" id="incoming-fields">
        {t('detail.fields')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md" component="dl" m={0}>
        <Field name={t('columns.from')}>{sender ? `${sender}（${message.from}）` : message.from}</Field>
        <Field name={t('columns.status')}>
          <IncomingStatusBadge status={message.status} />
        </Field>
        <Field name={t('detail.businessState')}>
          {message.businessState
            ? t(`business.${message.businessState}`, { defaultValue: message.businessState })
            : t('detail.noBusinessState')}
        </Field>
        <Field name={SUBJECTS.title[lang]}>{label(SUBJECTS, message.subject, lang)}</Field>
        <Field name={MESSAGE_TYPES.title[lang]}>{label(MESSAGE_TYPES, message.type, lang)}</Field>
        <Field name={PRIORITY_TABLE.title[lang]}>{label(PRIORITY_TABLE, message.priority, lang)}</Field>
        <Field name={ENCRYPTION_LEVEL_TABLE.title[lang]}>
          {label(ENCRYPTION_LEVEL_TABLE, message.encryptionLevel, lang)}
        </Field>
        <Field name={t('columns.receivedAt')}>{formatDateTime(message.receivedAt)}</Field>
        <Field name={t('detail.replyDeadline')}>{formatDateTime(message.replyDeadline)}</Field>
        <Field name={t('detail.schoolReference')}>{message.schoolReference ?? '—'}</Field>
        <Field name={t('detail.replyTo')}>{message.replyTo ?? '—'}</Field>
        <Field name={t('detail.id')}>{message.id}</Field>
      </SimpleGrid>
    </Paper>
  );
}
