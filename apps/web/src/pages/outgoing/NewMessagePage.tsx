import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { createOutgoing, uploadAttachment } from '../../api/outgoing';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { AttachmentsPanel, MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from './AttachmentsPanel';
import { EMPTY_FORM, MessageForm, fieldsOf, validate, type FormErrors, type FormValues } from './MessageForm';
import { notify } from './notify';

/**
 * 新增訊息 / 上載資料: the fields and the files in one form. Saving creates the READY message, then
 * streams each file into it (one request per file, no base64), then opens the message.
 */
export function NewMessagePage({ upload = false }: { upload?: boolean }) {
  const { t } = useTranslation('outgoing');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(EMPTY_FORM);
  const [errors, setErrors] = useState<FormErrors>({});
  const [files, setFiles] = useState<readonly File[]>([]);
  const [progress, setProgress] = useState<string | null>(null);

  const add = (chosen: File[]) => {
    const tooBig = chosen.filter((file) => file.size > MAX_UPLOAD_BYTES);
    for (const file of tooBig) {
      notify('red', t('attachments.tooBig', { name: file.name, limit: MAX_UPLOAD_LABEL }));
    }
    setFiles([...files, ...chosen.filter((file) => file.size <= MAX_UPLOAD_BYTES)]);
  };

  const save = async () => {
    const found = validate(values, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setProgress(t('edit.saving'));
    let created: { id: string; version: number } | null = null;
    try {
      created = await createOutgoing(fieldsOf(values));
      let version = created.version;
      for (const [index, file] of files.entries()) {
        setProgress(t('attachments.uploading', { name: file.name, index: index + 1, count: files.length }));
        version = (await uploadAttachment(created.id, version, file)).version;
      }
      notify('green', t('edit.created'));
      await queryClient.invalidateQueries({ queryKey: ['outgoing'] });
      await navigate({ to: '/outgoing/$id', params: { id: created.id } });
    } catch (failure) {
      notify('red', errorText(failure, t));
      // The message exists without every file: open it so the user can add the rest.
      if (created) await navigate({ to: '/outgoing/$id', params: { id: created.id } });
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack>
      <PageHeader
        title={upload ? t('common:menu.outgoingUpload') : t('edit.newTitle')}
        intro={upload ? t('edit.uploadIntro') : t('edit.newIntro')}
      />
      <Paper withBorder p="lg">
        <MessageForm values={values} errors={errors} onChange={setValues} disabled={progress !== null} />
      </Paper>
      <Paper withBorder p="lg">
        <Title order={2} size="h4" mb="sm">
          {t('attachments.title')}
        </Title>
        <AttachmentsPanel
          items={files.map((file, index) => ({
            key: String(index),
            name: file.name,
            size: file.size,
            mediaType: file.type || 'application/octet-stream',
          }))}
          editable
          busy={progress !== null}
          onAdd={add}
          onRemove={(key) => setFiles(files.filter((_, index) => String(index) !== key))}
        />
      </Paper>
      <Group justify="flex-end">
        {progress ? (
          <Text size="sm" c="dimmed" aria-live="polite">
            {progress}
          </Text>
        ) : null}
        <Button
          variant="default"
          onClick={() => void navigate({ to: '/outgoing' })}
          disabled={progress !== null}
        >
          {t('common:common.cancel')}
        </Button>
        <Button
          leftSection={<IconDeviceFloppy size={18} />}
          loading={progress !== null}
          onClick={() => void save()}
        >
          {t('edit.create')}
        </Button>
      </Group>
    </Stack>
  );
}
