import { useState } from 'react';
import { Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconRepeat, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  OUTGOING_ACTIONS,
  availableOutgoingActions,
  label,
  type OutgoingAction,
  type OutgoingStatus,
} from '@cds/domain';
import {
  archiveMessages,
  deleteMessages,
  resendMessages,
  type OutgoingRow,
  type Outcome,
} from '../../api/outgoing';
import { useLang } from '../../lib/useLang';
import { errorText } from '../../shell/errorText';
import { useMe } from '../../shell/useMe';
import { ActionButton } from './ActionButton';
import { announceOutcomes } from './outcomes';
import { notify } from './notify';

type BulkAction = Extract<OutgoingAction, 'delete' | 'archive' | 'unarchive' | 'resend'>;

const RUN: Record<BulkAction, (ids: readonly string[]) => Promise<{ outcomes: Outcome[] }>> = {
  delete: deleteMessages,
  archive: (ids) => archiveMessages(ids, true),
  unarchive: (ids) => archiveMessages(ids, false),
  resend: resendMessages,
};

const ICON = {
  delete: <IconTrash size={16} />,
  archive: <IconArchive size={16} />,
  unarchive: <IconArchiveOff size={16} />,
  resend: <IconRepeat size={16} />,
};

/**
 * What a multi-selection may do (SPEC §3.1): 刪除, 庫存 / 取消庫存 and, for key holders, 再傳送.
 * An action the user's rights never allow is absent; one the selected statuses do not allow is
 * disabled with the reason; the node checks each message again.
 */
export function SelectionToolbar({
  archived,
  selected,
  onDone,
}: {
  archived: boolean;
  selected: readonly OutgoingRow[];
  onDone: () => void;
}) {
  const { t } = useTranslation('outgoing');
  const lang = useLang();
  const me = useMe();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<BulkAction | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const actions: BulkAction[] = archived ? ['unarchive'] : ['resend', 'archive', 'delete'];
  const allows = (row: OutgoingRow, action: BulkAction) =>
    availableOutgoingActions(row.status as OutgoingStatus, me.groups, {
      isOwner: row.owner === me.username,
    }).includes(action);
  // Absent without the right: READY/SEND_FAIL rows owned by the user show what ownership allows.
  const everAllowed = (action: BulkAction) =>
    action !== 'resend' || me.rights.includes('cds.outgoing.process');

  const run = async (action: BulkAction) => {
    setBusy(action);
    try {
      const { outcomes } = await RUN[action](
        selected.filter((row) => allows(row, action)).map((row) => row.id),
      );
      announceOutcomes(outcomes, `outcome.${action}`, t);
      await queryClient.invalidateQueries({ queryKey: ['outgoing'] });
      onDone();
    } catch (failure) {
      notify('red', errorText(failure, t));
    } finally {
      setBusy(null);
    }
  };

  const reason = (action: BulkAction): string | null => {
    if (selected.length === 0) return t('selection.none');
    if (!selected.some((row) => allows(row, action))) {
      return t('selection.notAllowed', { action: label(OUTGOING_ACTIONS, action, lang) });
    }
    return null;
  };

  return (
    <Paper withBorder p="sm">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={500} aria-live="polite" mr="sm">
          {t('selection.count', { count: selected.length })}
        </Text>
        {actions.filter(everAllowed).map((action) => (
          <ActionButton
            key={action}
            label={label(OUTGOING_ACTIONS, action, lang)}
            icon={ICON[action]}
            color={action === 'delete' ? 'red' : undefined}
            reason={reason(action)}
            loading={busy === action}
            onClick={() => (action === 'delete' ? setConfirmDelete(true) : void run(action))}
          />
        ))}
      </Group>
      <Modal
        closeButtonProps={{ 'aria-label': t('common:common.close') }}
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('delete.title')}
        centered
      >
        <Stack>
          <Text size="sm">
            {t('delete.body', { count: selected.filter((row) => allows(row, 'delete')).length })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t('common:common.cancel')}
            </Button>
            <Button
              color="red"
              loading={busy === 'delete'}
              onClick={() => {
                setConfirmDelete(false);
                void run('delete');
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
