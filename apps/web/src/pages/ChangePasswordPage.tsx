import { useState, type FormEvent } from 'react';
import { Alert, Button, Grid, List, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { changePassword, sessionQuery } from '../api/session';
import { PageHeader } from '../shell/PageHeader';
import { errorText } from '../shell/errorText';
import { useMe } from '../shell/useMe';

/** 更改密碼: the current password, the new one twice, and the rules shown before they bite. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = confirm !== '' && next !== confirm;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== confirm) return setError(t('password.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
      notifications.show({ color: 'green', icon: <IconCheck size={18} />, message: t('password.changed') });
      await navigate({ to: '/' });
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <PageHeader title={t('password.title')} />
      {me.mustChangePassword ? (
        <Alert color="yellow" variant="light" icon={<IconShieldLock size={18} />} maw={880}>
          {t('password.mustChange')}
        </Alert>
      ) : null}
      <Grid maw={880} gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="lg">
            <form onSubmit={(event) => void submit(event)} noValidate>
              <Stack>
                {error ? (
                  <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                    {error}
                  </Alert>
                ) : null}
                <PasswordInput
                  label={t('password.current')}
                  autoComplete="current-password"
                  value={current}
                  onChange={(event) => setCurrent(event.currentTarget.value)}
                  required
                />
                <PasswordInput
                  label={t('password.new')}
                  autoComplete="new-password"
                  value={next}
                  onChange={(event) => setNext(event.currentTarget.value)}
                  required
                />
                <PasswordInput
                  label={t('password.confirm')}
                  autoComplete="new-password"
                  value={confirm}
                  onChange={(event) => setConfirm(event.currentTarget.value)}
                  error={mismatch ? t('password.mismatch') : undefined}
                  required
                />
                <Button type="submit" loading={busy} disabled={!current || !next || !confirm} w="fit-content">
                  {t('password.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="lg" bg="gray.0">
            <Text fw={600} mb="xs">
              {t('password.rulesTitle')}
            </Text>
            <List size="sm" spacing={6}>
              <List.Item>{t('password.ruleLength')}</List.Item>
              <List.Item>{t('password.ruleMix')}</List.Item>
              <List.Item>{t('password.ruleUsername')}</List.Item>
            </List>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
