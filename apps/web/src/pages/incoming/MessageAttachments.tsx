import { Alert, Button, Paper, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, type IncomingDetails } from '../../api/incoming';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/**
 * 附件: downloadable once decrypted; a CONFIDENTIAL message's attachments only for holders of
 * `cds.incoming.confidential` (SPEC §7) — the others see why, and the node refuses them anyway.
 */
export function MessageAttachments({ message }: { message: IncomingDetails }) {
  const { t } = useTranslation('incoming');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incoming-attachments">
      <Title order={2} size="h4" mb="sm" id="incoming-attachments">
        {t('detail.attachments')}
      </Title>
      {message.attachmentAccess === 'not_decrypted' ? (
        <Alert color="cds" variant="light" icon={<IconLock size={18} />}>
          {t('detail.notDecrypted')}
        </Alert>
      ) : null}
      {message.attachmentAccess === 'confidential' ? (
        <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('detail.confidential')}
        </Alert>
      ) : null}
      {message.attachmentAccess === 'allowed' && message.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('detail.noAttachments')}
        </Text>
      ) : null}
      {message.attachmentAccess === 'allowed' && message.attachments.length > 0 ? (
        <Table data-testid="attachments-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('detail.fileName')}</Table.Th>
              <Table.Th>{t('detail.size')}</Table.Th>
              <Table.Th>{t('common:common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {message.attachments.map((attachment) => (
              <Table.Tr key={attachment.ordinal}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{attachment.displayName}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{size(attachment.size)}</Table.Td>
                <Table.Td>
                  <Button
                    component="a"
                    href={attachmentUrl(message.id, attachment.ordinal)}
                    download={attachment.displayName}
                    size="xs"
                    variant="light"
                    leftSection={<IconDownload size={14} />}
                    aria-label={t('detail.downloadNamed', { name: attachment.displayName })}
                  >
                    {t('detail.download')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  );
}
