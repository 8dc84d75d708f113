import type { ReactNode } from 'react';
import { Paper, Text, Timeline, Title } from '@mantine/core';
import { IconDownload, IconFileImport, IconKey, IconReceipt, IconX, IconPuzzle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { IncomingDetails } from '../../api/incoming';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/useLang';
import { reasonText } from '../outgoing/reason';

/** Actors are recorded as `web:<user>` or `cli:<user>`; the reader wants the user. */
const who = (actor: string | null) => (actor ?? '—').replace(/^(web|cli):/, '');

interface Step {
  readonly at: string | null;
  readonly text: string;
  readonly icon: ReactNode;
  readonly failed?: boolean;
}

/**
 * 訊息紀錄: what happened to the message here, oldest first — how it arrived (a download, or
 * 匯入訊息 with the bundle's name), the delivery receipt taken by the hub, decrypted, imported.
 */
export function MessageHistory({ message }: { message: IncomingDetails }) {
  const { t } = useTranslation('incoming');
  const lang = useLang();
  const steps: Step[] = [
    message.importedFrom
      ? {
          at: message.importedFrom.at,
          text: t('history.imported', { file: message.importedFrom.file, by: who(message.importedFrom.by) }),
          icon: <IconFileImport size={14} />,
        }
      : { at: message.receivedAt, text: t('history.received'), icon: <IconDownload size={14} /> },
  ];
  if (message.acknowledgedAt) {
    steps.push({
      at: message.acknowledgedAt,
      text: t('history.acknowledged'),
      icon: <IconReceipt size={14} />,
    });
  } else {
    steps.push({ at: null, text: t('history.receiptQueued'), icon: <IconReceipt size={14} /> });
  }
  if (message.status === 'DECRYPT_FAIL') {
    steps.push({
      at: null,
      text: t('history.decryptFailed', {
        reason: message.lastError ? reasonText(message.lastError, lang, message.lastErrorDetails) : '—',
      }),
      icon: <IconX size={14} />,
      failed: true,
    });
  }
  if (message.decryptedAt) {
    steps.push({
      at: message.decryptedAt,
      text: t('history.decrypted', { by: who(message.decryptedBy) }),
      icon: <IconKey size={14} />,
    });
  }
  if (message.importedAt) {
    steps.push({
      at: message.importedAt,
      text: t('history.moduleImported', { by: who(message.importedBy) }),
      icon: <IconPuzzle size={14} />,
      failed: message.status === 'IMPORT_FAIL',
    });
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incoming-history">
      <Title order={2} size="h4" mb="sm" id="incoming-history">
        {t('detail.history')}
      </Title>
      <Timeline active={steps.length - 1} bulletSize={24} lineWidth={2}>
        {steps.map((step) => (
          <Timeline.Item key={step.text} bullet={step.icon} color={step.failed ? 'red' : undefined}>
            <Text size="sm">{step.text}</Text>
            <Text size="xs" c="dimmed">
              {step.at ? formatDateTime(step.at) : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
