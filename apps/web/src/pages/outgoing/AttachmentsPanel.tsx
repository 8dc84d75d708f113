import { ActionIcon, FileInput, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The node refuses a bigger upload from the browser (add-outgoing-attachment.ts); said up front. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = '200 MB';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export interface AttachmentItem {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly mediaType: string;
}

/**
 * 上載資料: choose files (Mantine FileInput, labelled for screen readers), see them listed with
 * their sizes, remove one while the message can still be edited. Too-large files are refused here
 * with the limit; the node checks again.
 */
export function AttachmentsPanel({
  items,
  editable,
  busy,
  onAdd,
  onRemove,
}: {
  items: readonly AttachmentItem[];
  editable: boolean;
  busy: boolean;
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
}) {
  const { t } = useTranslation('outgoing');
  return (
    <Stack gap="sm">
      {editable ? (
        <FileInput
          multiple
          clearable={false}
          value={[]}
          label={t('attachments.choose')}
          aria-label={t('attachments.choose')}
          description={t('attachments.limit', { limit: MAX_UPLOAD_LABEL })}
          leftSection={<IconPaperclip size={16} />}
          disabled={busy}
          onChange={(files) => onAdd(files)}
          maw={520}
        />
      ) : null}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('attachments.none')}
        </Text>
      ) : (
        <Table withTableBorder data-testid="attachments-table" maw={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('attachments.name')}</Table.Th>
              <Table.Th>{t('attachments.type')}</Table.Th>
              <Table.Th ta="right">{t('attachments.size')}</Table.Th>
              {editable ? (
                <Table.Th w={60}>
                  <span className="skip-link">{t('common:common.actions')}</span>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.key}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <IconPaperclip size={14} aria-hidden />
                    <Text size="sm">{item.name}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {item.mediaType}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatSize(item.size)}</Table.Td>
                {editable ? (
                  <Table.Td>
                    <Tooltip label={t('attachments.remove', { name: item.name })}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        disabled={busy}
                        aria-label={t('attachments.remove', { name: item.name })}
                        onClick={() => onRemove(item.key)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
