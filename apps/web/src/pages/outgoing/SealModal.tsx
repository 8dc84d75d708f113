import { useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Progress, Stack, Table, Text } from '@mantine/core';
import { IconCheck, IconLock, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { sealMessages, type Outcome, type OutgoingRow } from '../../api/outgoing';
import { errorText } from '../../shell/errorText';

/**
 * 加密 (處理訊息): the School Key is asked for once for the whole selection. The node opens the
 * keyring once and seals message by message; each one's outcome is listed afterwards. A wrong key
 * changes nothing (and counts towards the lockout, which the node's message explains).
 */
export function SealModal({
  messages,
  opened,
  onClose,
}: {
  messages: readonly OutgoingRow[];
  opened: boolean;
  onClose: (sealed: boolean) => void;
}) {
  const { t } = useTranslation('outgoing');
  const [schoolKey, setSchoolKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<readonly Outcome[] | null>(null);

  const close = () => {
    const sealed = outcomes?.some((o) => o.ok) ?? false;
    setSchoolKey('');
    setError(null);
    setOutcomes(null);
    onClose(sealed);
  };

  const submit = async () => {
    if (schoolKey === '') {
      setError(t('seal.keyRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await sealMessages(
        messages.map((m) => m.id),
        schoolKey,
      );
      setOutcomes(result.outcomes);
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setSchoolKey('');
      setBusy(false);
    }
  };

  const description = (id: string) => messages.find((m) => m.id === id)?.description ?? id;
  const done = outcomes?.filter((o) => o.ok).length ?? 0;

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common:common.close') }}
      opened={opened}
      onClose={close}
      title={t('seal.title', { count: messages.length })}
      centered
      size="lg"
    >
      {outcomes === null ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <Text size="sm">{t('seal.body', { count: messages.length })}</Text>
            <PasswordInput
              label={t('seal.schoolKey')}
              description={t('seal.schoolKeyHint')}
              value={schoolKey}
              onChange={(event) => setSchoolKey(event.currentTarget.value)}
              autoComplete="off"
              data-autofocus
              error={error}
              disabled={busy}
            />
            {busy ? (
              <Stack gap={4} aria-live="polite">
                <Text size="sm">{t('seal.working', { count: messages.length })}</Text>
                <Progress
                  value={100}
                  animated
                  striped
                  aria-label={t('seal.working', { count: messages.length })}
                />
              </Stack>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={busy}>
                {t('common:common.cancel')}
              </Button>
              <Button type="submit" leftSection={<IconLock size={16} />} loading={busy}>
                {t('seal.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack>
          <Alert color={done === outcomes.length ? 'green' : 'orange'} variant="light" role="status">
            {t('seal.result', { done, count: outcomes.length })}
          </Alert>
          <Table data-testid="seal-outcomes">
            <Table.Tbody>
              {outcomes.map((outcome) => (
                <Table.Tr key={outcome.id}>
                  <Table.Td w={28}>
                    {outcome.ok ? (
                      <IconCheck size={18} color="var(--mantine-color-green-8)" aria-label={t('seal.ok')} />
                    ) : (
                      <IconX size={18} color="var(--mantine-color-red-8)" aria-label={t('seal.failed')} />
                    )}
                  </Table.Td>
                  <Table.Td>{description(outcome.id)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={outcome.ok ? 'green.9' : 'red.9'}>
                      {outcome.ok ? t('seal.queued') : outcome.error.message}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button onClick={close}>{t('common:common.close')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
