import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { rejectMessage, type Outcome, type OutgoingRow } from '../../api/outgoing';
import { ApiError } from '../../api/client';
import { errorText } from '../../shell/errorText';

/**
 * 拒絕 (處理訊息): one reason for the selection; each message becomes 已拒絕 and its owner sees the
 * reason in 寄發訊息. Returns the per-message outcomes to the caller.
 */
export function RejectModal({
  messages,
  opened,
  onClose,
}: {
  messages: readonly OutgoingRow[];
  opened: boolean;
  onClose: (outcomes: readonly Outcome[] | null) => void;
}) {
  const { t } = useTranslation('outgoing');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (reason.trim() === '') {
      setError(t('reject.reasonRequired'));
      return;
    }
    setBusy(true);
    const outcomes: Outcome[] = [];
    for (const message of messages) {
      try {
        const rejected = await rejectMessage(message.id, reason.trim());
        outcomes.push({ id: message.id, ok: true, status: rejected.status });
      } catch (failure) {
        if (!(failure instanceof ApiError)) {
          setError(errorText(failure, t));
          setBusy(false);
          return;
        }
        outcomes.push({ id: message.id, ok: false, error: { code: failure.code, message: failure.message } });
      }
    }
    setBusy(false);
    setReason('');
    setError(null);
    onClose(outcomes);
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common:common.close') }}
      opened={opened}
      onClose={() => onClose(null)}
      title={t('reject.title', { count: messages.length })}
      centered
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm">{t('reject.body')}</Text>
          <TextInput
            label={t('reject.reason')}
            maxLength={200}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={error}
            data-autofocus
            disabled={busy}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose(null)} disabled={busy}>
              {t('common:common.cancel')}
            </Button>
            <Button type="submit" color="red" leftSection={<IconBan size={16} />} loading={busy}>
              {t('reject.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
