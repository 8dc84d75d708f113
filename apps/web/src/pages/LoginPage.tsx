import { useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconInfoCircle, IconMail } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { helpDeskQuery } from '../api/notices';
import { logIn, nodeInfoQuery, sessionQuery } from '../api/session';
import { applyLanguage } from '../lib/i18n';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { usePartyLabel } from '../shell/PartyLabel';
import { errorText } from '../shell/errorText';

const route = getRouteApi('/login');

/** 登入: the party this node serves, the language switch, and errors in the chosen language. */
export function LoginPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const info = useQuery(nodeInfoQuery);
  // The number 設定 keeps (help.contacts), as 說明 shows it; no line at all rather than a wrong one.
  const desk = useQuery(helpDeskQuery);
  const party = usePartyLabel(info.data?.party, info.data?.nodeRole);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await logIn(username, password);
      if (me.lang !== null) await applyLanguage(me.lang);
      queryClient.setQueryData(sessionQuery.queryKey, me);
      // SPEC §6: a fresh login lands on the notifications (the home page when none holds); a login
      // after an expired session goes back to where the user was.
      await navigate({ to: me.mustChangePassword ? '/password' : (search.redirect ?? '/notices') });
    } catch (failure) {
      setError(errorText(failure, t));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const notice =
    search.reason === 'expired'
      ? t('login.expired')
      : search.reason === 'loggedOut'
        ? t('login.loggedOut')
        : null;

  return (
    <Box className="cds-login-background">
      <Group justify="flex-end" p="md">
        <LanguageSwitch variant="dark" />
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={440} gap="lg">
          <Stack gap={4} align="center" c="white">
            <IconMail size={48} stroke={1.4} aria-hidden />
            <Title order={1} size="h2" ta="center">
              {t('app.fullName')}
            </Title>
            <Text size="sm" ta="center" opacity={0.9}>
              {t('app.tagline')}
            </Text>
          </Stack>
          <Paper shadow="md" p="xl" withBorder component="main">
            <form onSubmit={(event) => void submit(event)} noValidate>
              <Stack gap="md">
                <div>
                  <Title order={2} size="h3">
                    {t('login.title')}
                  </Title>
                  <Text size="sm" c="dimmed" data-testid="login-party">
                    {party}
                  </Text>
                </div>
                {notice ? (
                  <Alert color="cds" variant="light" icon={<IconInfoCircle size={18} />}>
                    {notice}
                  </Alert>
                ) : null}
                {error ? (
                  <Alert
                    color="red"
                    variant="light"
                    title={t('login.failed')}
                    icon={<IconAlertCircle size={18} />}
                    role="alert"
                  >
                    {error}
                  </Alert>
                ) : null}
                <TextInput
                  label={t('login.username')}
                  name="username"
                  autoComplete="username"
                  value={username}
                  onChange={(event) => setUsername(event.currentTarget.value)}
                  required
                  autoFocus
                />
                <PasswordInput
                  label={t('login.password')}
                  name="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  required
                />
                <Button type="submit" size="md" loading={busy} disabled={username === '' || password === ''}>
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Stack gap={2} align="center">
            {desk.data ? (
              <Text size="xs" c="dimmed" ta="center" data-testid="login-helpdesk">
                {t('login.helpdesk', { phone: desk.data.cds })}
              </Text>
            ) : null}
            {info.data ? (
              <Text size="xs" c="dimmed">
                {t('login.version', { version: info.data.version })}
              </Text>
            ) : null}
          </Stack>
        </Stack>
      </Center>
    </Box>
  );
}
