import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, Modal, PasswordInput, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconKey, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { decryptMessages, type Outcome } from '../../api/incoming';
import { errorText, technicalDetailOf } from '../../shell/errorText';

export interface DecryptTarget {
  readonly id: string;
  readonly description: string;
}

/**
 * 解密: one School Key entry for the whole selection (SPEC §3.2). A wrong School Key is refused
 * before any message is touched, so the dialog stays open with the node's reason and nothing has
 * changed; otherwise each message's outcome is listed (已解密, or the check that failed).
 */
export function DecryptModal({
  targets,
  onClose,
}: {
  targets: readonly DecryptTarget[] | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('incoming');
  const queryClient = useQueryClient();
  const [schoolKey, setSchoolKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<readonly Outcome[] | null>(null);

  const close = () => {
    setSchoolKey('');
    setError(null);
    setResults(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!targets || schoolKey === '') return;
    setBusy(true);
    setError(null);
    try {
      const answer = await decryptMessages(
        targets.map((target) => target.id),
        schoolKey,
      );
      setResults(answer.outcomes);
      setSchoolKey('');
      await queryClient.invalidateQueries({ queryKey: ['incoming'] });
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const describe = (id: string) => targets?.find((target) => target.id === id)?.description ?? id;

  return (
    <Modal
      opened={targets !== null}
      onClose={close}
      title={t('decrypt.title')}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': t('common:common.close') }}
    >
      {results === null ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            <Text size="sm">{t('decrypt.intro', { count: targets?.length ?? 0 })}</Text>
            {error ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                {error}
                <Text size="sm" mt={4}>
                  {t('decrypt.unchanged')}
                </Text>
              </Alert>
            ) : null}
            <PasswordInput
              label={t('decrypt.schoolKey')}
              description={t('decrypt.schoolKeyHint')}
              value={schoolKey}
              onChange={(event) => setSchoolKey(event.currentTarget.value)}
              leftSection={<IconKey size={16} />}
              autoComplete="off"
              data-autofocus
              required
            />
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={close}>
                {t('common:common.cancel')}
              </Button>
              <Button type="submit" loading={busy} disabled={schoolKey === ''}>
                {t('decrypt.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack>
          <Text size="sm" role="status">
            {t('decrypt.summary', {
              ok: results.filter((o) => o.ok).length,
              failed: results.filter((o) => !o.ok).length,
            })}
          </Text>
          <List spacing="sm" center data-testid="decrypt-results">
            {results.map((outcome) => (
              <List.Item
                key={outcome.id}
                icon={
                  <ThemeIcon color={outcome.ok ? 'green' : 'red'} size={22} radius="xl">
                    {outcome.ok ? <IconCheck size={14} /> : <IconX size={14} />}
                  </ThemeIcon>
                }
              >
                <Text size="sm" fw={500}>
                  {describe(outcome.id)}
                </Text>
                <Text size="sm" c={outcome.ok ? 'green.9' : 'red.9'}>
                  {outcome.ok ? t('decrypt.ok') : outcome.error.message}
                </Text>
                {!outcome.ok && technicalDetailOf(outcome.error.details) !== null ? (
                  <Text size="xs" c="dimmed">
                    {t('common:errors.technicalDetail', { detail: technicalDetailOf(outcome.error.details) })}
                  </Text>
                ) : null}
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button onClick={close}>{t('common:common.confirm')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
