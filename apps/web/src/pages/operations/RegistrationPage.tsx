import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { register, registrationQuery, type RegistrationView } from '../../api/operations';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { useLang } from '../../lib/useLang';
import { ErrorAlert, Loading, Mono, reasonWithDetails } from './shared';

/** The hub's fingerprint as it presents itself now, to compare with the one in EDB's letter. */
function HubFingerprint({ view }: { view: RegistrationView }) {
  const { t } = useTranslation('operations');
  const lang = useLang();
  if ('error' in view.hub) {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
        <Text fw={700} size="sm">
          {t('registration.hubUnknown')}
        </Text>
        <Text size="sm">{reasonWithDetails(view.hub.error, lang)}</Text>
      </Alert>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="sm">
        {t('registration.hubFingerprint')}
        {t('colon')}
        <Mono>{view.hub.fingerprint}</Mono>
      </Text>
      <Text size="sm" c={view.hub.matches === false ? 'red.8' : 'dimmed'}>
        {view.hub.matches === null
          ? t('registration.compare')
          : view.hub.matches
            ? t('registration.matches')
            : t('registration.differs', { expected: view.expectedHubFingerprint ?? '' })}
      </Text>
    </Stack>
  );
}

/** 系統註冊: enter the operator's code; the node publishes its key and pins the hub key. */
export function RegistrationPage() {
  const { t } = useTranslation('operations');
  const queryClient = useQueryClient();
  const view = useQuery(registrationQuery);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await register(code.trim());
      setCode('');
      await queryClient.invalidateQueries({ queryKey: registrationQuery.queryKey });
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };
  const data = view.data;
  return (
    <Stack>
      <PageHeader title={t('common:menu.registration')} intro={t('registration.intro')} />
      <ErrorAlert error={view.error} />
      {view.isPending ? <Loading /> : null}
      {data?.registration ? (
        <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} data-testid="registered">
          <Stack gap={4}>
            <Text fw={700} size="sm">
              {t('registration.registered')}
            </Text>
            <Text size="sm">
              {t('registration.registeredAt', { time: formatDateTime(data.registration.registeredAt) })}
            </Text>
            <Text size="sm">
              {t('registration.pinned')}
              {t('colon')}
              <Mono>{data.registration.hubFingerprint}</Mono>
            </Text>
          </Stack>
        </Alert>
      ) : null}
      {data ? (
        <Paper withBorder p="lg" maw={760}>
          <Stack>
            <Title order={2} size="h4">
              {data.registration ? t('registration.details') : t('registration.notRegistered')}
            </Title>
            <HubFingerprint view={data} />
            <Text size="sm">
              {t('registration.ownKey')}
              {t('colon')}
              {data.ownKey ? <Mono>{data.ownKey.fingerprint}</Mono> : t('registration.noKey')}
            </Text>
            {data.registration ? null : (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  void submit();
                }}
                noValidate
              >
                <Stack>
                  {error ? (
                    <Alert color="red" variant="light" role="alert">
                      {error}
                    </Alert>
                  ) : null}
                  <TextInput
                    label={t('registration.code')}
                    description={t('registration.codeHint')}
                    placeholder="XXXXX-XXXXX-XXXXX-XXXXX"
                    value={code}
                    onChange={(event) => setCode(event.currentTarget.value)}
                    withAsterisk
                    maw={360}
                    autoComplete="off"
                  />
                  <Group justify="flex-end">
                    <Button
                      type="submit"
                      loading={busy}
                      disabled={code.trim() === '' || data.ownKey === null}
                    >
                      {t('registration.register')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
