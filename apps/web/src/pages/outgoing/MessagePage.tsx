import { useState } from 'react';
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconDeviceFloppy, IconLock } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { availableOutgoingActions, type OutgoingStatus } from '@cds/domain';
import {
  modifyOutgoing,
  outgoingMessageQuery,
  removeAttachment,
  uploadAttachment,
  type OutgoingDetails,
} from '../../api/outgoing';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { useMe } from '../../shell/useMe';
import { AttachmentsPanel, MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from './AttachmentsPanel';
import { MessageDetails } from './MessageDetails';
import { MessageForm, fieldsOf, formOf, validate, type FormErrors, type FormValues } from './MessageForm';
import { notify } from './notify';

/**
 * 編修訊息 for one message: its owner (or a `cds.outgoing.all` user) modifies it and its
 * attachments while it is READY; afterwards, and for everyone else, it is shown read-only with why.
 */
export function MessagePage({ id }: { id: string }) {
  const { t } = useTranslation('outgoing');
  const me = useMe();
  const query = useQuery(outgoingMessageQuery(id));
  const message = query.data;
  const editable =
    message !== undefined &&
    availableOutgoingActions(message.status as OutgoingStatus, me.groups, {
      isOwner: message.owner === me.username,
    }).includes('modify');

  return (
    <Stack>
      <PageHeader
        title={editable ? t('edit.modifyTitle') : t('edit.viewTitle')}
        intro={message?.description}
        actions={
          <Button component={Link} to="/outgoing" variant="default" leftSection={<IconArrowLeft size={16} />}>
            {t('edit.back')}
          </Button>
        }
      />
      {query.isPending ? <Loader size="sm" /> : null}
      {query.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(query.error, t)}
        </Alert>
      ) : null}
      {message && !editable ? (
        <>
          <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
            {message.status === 'READY' ? t('edit.notOwner') : t('edit.locked')}
          </Alert>
          <MessageDetails message={message} />
          <Paper withBorder p="lg">
            <Title order={2} size="h4" mb="sm">
              {t('attachments.title')}
            </Title>
            <AttachmentsPanel
              items={itemsOf(message)}
              editable={false}
              busy={false}
              onAdd={() => {}}
              onRemove={() => {}}
            />
          </Paper>
        </>
      ) : null}
      {message && editable ? <EditForm key={message.version} message={message} /> : null}
    </Stack>
  );
}

function itemsOf(message: OutgoingDetails) {
  return message.attachments.map((a) => ({
    key: String(a.ordinal),
    name: a.displayName,
    size: a.size,
    mediaType: a.mediaType,
  }));
}

function EditForm({ message }: { message: OutgoingDetails }) {
  const { t } = useTranslation('outgoing');
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(() => formOf(message));
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['outgoing'] });
  const attempt = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    try {
      await work();
    } catch (failure) {
      notify('red', errorText(failure, t));
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  const save = () => {
    const found = validate(values, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void attempt(t('edit.saving'), async () => {
      await modifyOutgoing(message.id, message.version, fieldsOf(values));
      notify('green', t('edit.saved'));
    });
  };

  const add = (files: File[]) =>
    void attempt(t('edit.saving'), async () => {
      let version = message.version;
      for (const [index, file] of files.entries()) {
        if (file.size > MAX_UPLOAD_BYTES) {
          notify('red', t('attachments.tooBig', { name: file.name, limit: MAX_UPLOAD_LABEL }));
          continue;
        }
        setBusy(t('attachments.uploading', { name: file.name, index: index + 1, count: files.length }));
        version = (await uploadAttachment(message.id, version, file)).version;
      }
      notify('green', t('attachments.added'));
    });

  const remove = (key: string) =>
    void attempt(t('edit.saving'), async () => {
      await removeAttachment(message.id, message.version, Number(key));
      notify('green', t('attachments.removed'));
    });

  return (
    <>
      <MessageDetails message={message} />
      <Paper withBorder p="lg">
        <MessageForm values={values} errors={errors} onChange={setValues} disabled={busy !== null} />
        <Group justify="flex-end" mt="md">
          <Button leftSection={<IconDeviceFloppy size={18} />} loading={busy !== null} onClick={save}>
            {t('edit.save')}
          </Button>
        </Group>
      </Paper>
      <Paper withBorder p="lg">
        <Title order={2} size="h4" mb="sm">
          {t('attachments.title')}
        </Title>
        <AttachmentsPanel
          items={itemsOf(message)}
          editable
          busy={busy !== null}
          onAdd={add}
          onRemove={remove}
        />
        {busy ? (
          <Text size="sm" c="dimmed" mt="sm" aria-live="polite">
            {busy}
          </Text>
        ) : null}
      </Paper>
    </>
  );
}
