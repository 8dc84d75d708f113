import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import {
  IconAlertCircle,
  IconArchive,
  IconArchiveOff,
  IconArrowBackUp,
  IconChevronLeft,
  IconKey,
  IconMail,
  IconTrash,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  archiveIncoming,
  deleteIncoming,
  incomingMessageQuery,
  markRead,
  replyTo,
  type Outcome,
} from '../../api/incoming';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { useMe } from '../../shell/useMe';
import { DecryptModal, type DecryptTarget } from './DecryptModal';
import { MessageAttachments } from './MessageAttachments';
import { MessageFields } from './MessageFields';
import { MessageHistory } from './MessageHistory';
import { announceOutcomes, notify } from './outcomes';

/**
 * 檢視訊息: one 接收訊息 with its header fields, history and attachments, and the actions this user
 * may take now (the server's list, from the state machine and the rights matrix). Opening an unread
 * message marks it read.
 */
export function IncomingMessagePage({ id }: { id: string }) {
  const { t } = useTranslation('incoming');
  const me = useMe();
  const navigate = useNavigate();
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery(incomingMessageQuery(id));
  const [decrypting, setDecrypting] = useState<readonly DecryptTarget[] | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const message = query.data;
  const back = message?.archived ? '/archive/incoming' : '/incoming';

  useEffect(() => {
    if (message && !message.read) {
      void markRead([message.id], true).then(() => queryClient.invalidateQueries({ queryKey: ['incoming'] }));
    }
  }, [message, queryClient]);

  const act = async (work: () => Promise<{ outcomes: readonly Outcome[] }>, doneKey: string) => {
    try {
      return announceOutcomes((await work()).outcomes, doneKey, t) > 0;
    } catch (failure) {
      notify({ color: 'red', message: errorText(failure, t) }, t);
      return false;
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['incoming'] });
    }
  };

  const reply = async () => {
    try {
      const created = await replyTo(id);
      notify(
        {
          color: 'green',
          autoClose: 10_000,
          message: t('done.replyCreated', {
            to: created.to.map((p) => t(`common:party.agencyNames.${p}`, { defaultValue: p })).join('、'),
          }),
        },
        t,
      );
      await queryClient.invalidateQueries({ queryKey: ['outgoing'] });
      // The outgoing editor, once that area has one; otherwise the draft in the 寄發訊息 list.
      const editor = '/outgoing/$id' in (router.routesByPath as Record<string, unknown>);
      router.history.push(editor ? `/outgoing/${encodeURIComponent(created.id)}` : '/outgoing');
    } catch (failure) {
      notify({ color: 'red', message: errorText(failure, t) }, t);
    }
  };

  if (query.isPending) {
    return (
      <Group justify="center" p="xl">
        <Loader size="sm" />
        <Text size="sm">{t('common:common.loading')}</Text>
      </Group>
    );
  }
  if (query.isError || !message) {
    return (
      <Stack>
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(query.error, t)}
        </Alert>
        <Anchor renderRoot={(props) => <Link {...props} to="/incoming" />}>{t('actions.back')}</Anchor>
      </Stack>
    );
  }

  const can = (action: string) => message.actions.includes(action as never);
  const decryptable = can('decrypt_ok');
  return (
    <Stack>
      <Anchor size="sm" renderRoot={(props) => <Link {...props} to={back} />}>
        <Group gap={4}>
          <IconChevronLeft size={16} />
          {t(message.archived ? 'actions.backArchive' : 'actions.back')}
        </Group>
      </Anchor>
      <PageHeader title={message.description} intro={t('detail.intro')} />
      <Paper withBorder p="sm" component="section" aria-label={t('detail.actions')}>
        <Group gap="sm" wrap="wrap">
          {me.rights.includes('cds.incoming.decrypt') ? (
            <Button
              leftSection={<IconKey size={16} />}
              disabled={!decryptable}
              title={decryptable ? undefined : t('disabled.decryptDone')}
              onClick={() => setDecrypting([{ id: message.id, description: message.description }])}
            >
              {t('actions.decrypt')}
            </Button>
          ) : null}
          {me.rights.includes('cds.incoming.reply') ? (
            <Button
              variant="light"
              leftSection={<IconArrowBackUp size={16} />}
              disabled={!can('reply')}
              title={can('reply') ? undefined : t('disabled.reply')}
              onClick={() => void reply()}
            >
              {t('actions.reply')}
            </Button>
          ) : null}
          <Button
            variant="light"
            leftSection={<IconMail size={16} />}
            onClick={() =>
              void act(() => markRead([message.id], false), 'done.unread').then((ok) => {
                if (ok) void navigate({ to: back });
              })
            }
          >
            {t('actions.markUnread')}
          </Button>
          {can('archive') ? (
            <Button
              variant="light"
              leftSection={message.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
              onClick={() =>
                void act(
                  () => archiveIncoming([message.id], !message.archived),
                  message.archived ? 'done.unarchived' : 'done.archived',
                )
              }
            >
              {t(message.archived ? 'actions.unarchive' : 'actions.archive')}
            </Button>
          ) : null}
          {can('delete') ? (
            <Button
              variant="light"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setConfirmDelete(true)}
            >
              {t('actions.delete')}
            </Button>
          ) : null}
        </Group>
      </Paper>
      <MessageFields message={message} />
      <MessageAttachments message={message} />
      <MessageHistory message={message} />
      <DecryptModal targets={decrypting} onClose={() => setDecrypting(null)} />
      <Modal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('delete.title')}
        centered
        closeButtonProps={{ 'aria-label': t('common:common.close') }}
      >
        <Stack>
          <Text size="sm">{t('delete.body', { count: 1 })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t('common:common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirmDelete(false);
                void act(() => deleteIncoming([message.id]), 'done.deleted').then((ok) => {
                  if (ok) void navigate({ to: back });
                });
              }}
            >
              {t('delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
