import type { ReactNode } from 'react';
import { useState } from 'react';
import { Button, Group, Modal, Paper, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconArchive,
  IconArchiveOff,
  IconKey,
  IconMail,
  IconMailOpened,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  archiveIncoming,
  deleteIncoming,
  markRead,
  type IncomingRow,
  type Outcome,
} from '../../api/incoming';
import { errorText } from '../../shell/errorText';
import { useMe } from '../../shell/useMe';
import { DecryptModal, type DecryptTarget } from './DecryptModal';
import { announceOutcomes, notify } from './outcomes';

const DECRYPTABLE = ['ENCRYPTED', 'DECRYPT_FAIL'];

/** A button the state machine or the selection does not allow now stays visible, disabled, with the reason. */
function Action(props: {
  label: string;
  reason: string | null;
  icon: ReactNode;
  onClick: () => void;
  color?: string;
}) {
  const button = (
    <Button
      variant="light"
      color={props.color}
      leftSection={props.icon}
      disabled={props.reason !== null}
      onClick={props.onClick}
    >
      {props.label}
    </Button>
  );
  return props.reason === null ? (
    button
  ) : (
    <Tooltip label={props.reason} withArrow multiline maw={280}>
      <span tabIndex={0}>{button}</span>
    </Tooltip>
  );
}

/** What the list's multi-selection may do, by the user's rights (SPEC §7): absent without the right. */
export function SelectionToolbar({
  archived,
  selected,
  onDone,
}: {
  archived: boolean;
  selected: readonly IncomingRow[];
  onDone: () => void;
}) {
  const { t } = useTranslation('incoming');
  const me = useMe();
  const queryClient = useQueryClient();
  const [decrypting, setDecrypting] = useState<readonly DecryptTarget[] | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const none = selected.length === 0 ? t('disabled.selectFirst') : null;
  const decryptable = selected.filter((row) => DECRYPTABLE.includes(row.status));

  const run = async (work: () => Promise<{ outcomes: readonly Outcome[] }>, doneKey: string) => {
    setBusy(true);
    try {
      announceOutcomes((await work()).outcomes, doneKey, t);
      onDone();
    } catch (failure) {
      notify({ color: 'red', message: errorText(failure, t) }, t);
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ['incoming'] });
    }
  };
  const ids = selected.map((row) => row.id);

  return (
    <Paper withBorder p="sm" aria-label={t('select.toolbar')} component="section">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={500} mr="sm" aria-live="polite" data-testid="selected-count">
          {t('select.selected', { count: selected.length })}
        </Text>
        {me.rights.includes('cds.incoming.decrypt') && !archived ? (
          <Action
            label={t('actions.decrypt')}
            icon={<IconKey size={16} />}
            reason={none ?? (decryptable.length === 0 ? t('disabled.decrypt') : null)}
            onClick={() =>
              setDecrypting(decryptable.map((row) => ({ id: row.id, description: row.description })))
            }
          />
        ) : null}
        <Action
          label={t('actions.markRead')}
          icon={<IconMailOpened size={16} />}
          reason={none}
          onClick={() => void run(() => markRead(ids, true), 'done.read')}
        />
        <Action
          label={t('actions.markUnread')}
          icon={<IconMail size={16} />}
          reason={none}
          onClick={() => void run(() => markRead(ids, false), 'done.unread')}
        />
        {me.rights.includes('cds.archive') ? (
          <Action
            label={t(archived ? 'actions.unarchive' : 'actions.archive')}
            icon={archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
            reason={none}
            onClick={() =>
              void run(() => archiveIncoming(ids, !archived), archived ? 'done.unarchived' : 'done.archived')
            }
          />
        ) : null}
        {me.rights.includes('cds.incoming.delete') ? (
          <Action
            label={t('actions.delete')}
            color="red"
            icon={<IconTrash size={16} />}
            reason={none}
            onClick={() => setConfirmDelete(true)}
          />
        ) : null}
      </Group>
      <DecryptModal targets={decrypting} onClose={() => setDecrypting(null)} />
      <Modal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('delete.title')}
        centered
        closeButtonProps={{ 'aria-label': t('common:common.close') }}
      >
        <Stack>
          <Text size="sm">{t('delete.body', { count: selected.length })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t('common:common.cancel')}
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={() => {
                setConfirmDelete(false);
                void run(() => deleteIncoming(ids), 'done.deleted');
              }}
            >
              {t('delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
