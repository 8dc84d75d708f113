import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  hubSettingsQuery,
  saveHubSettings,
  testHubConnection,
  type ConnectionStep,
  type HubSettings,
  type HubUrlCheck,
} from '../../api/operations';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../shell/PageHeader';
import { useLang } from '../../lib/useLang';
import { ErrorAlert, Loading, Mark, Mono, reasonWithDetails } from './shared';
import { technicalDetailOf } from '../../shell/errorText';

function stepDetail(
  step: ConnectionStep,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const d = step.detail;
  switch (step.step) {
    case 'dns':
      return t('settings.detail.dns', { address: d['address'] });
    case 'tcp':
      return t('settings.detail.tcp', { address: d['address'], port: d['port'] });
    case 'tls':
      return t('settings.detail.tls', { protocol: d['protocol'], subject: d['subject'] ?? '—' });
    case 'http':
      return t('settings.detail.http', { status: d['status'], version: d['version'] });
    case 'signature':
      return t(d['pinned'] ? 'settings.detail.signaturePinned' : 'settings.detail.signature', {
        fingerprint: d['fingerprint'],
        seq: d['directorySeq'],
      });
    case 'clock':
      return t('settings.detail.clock', {
        node: formatDateTime(String(d['nodeTime'])),
        hub: formatDateTime(String(d['hubTime'])),
        skew: d['skewSeconds'],
      });
  }
}

/** 測試連線's answer: one checklist per URL, each step ✓ / ✗ / – with what was found or why it failed. */
function Checklist({ check }: { check: HubUrlCheck }) {
  const { t } = useTranslation('operations');
  const lang = useLang();
  return (
    <Paper withBorder p="md" data-testid="connection-check" data-ok={String(check.ok)}>
      <Title order={3} size="h5" mb="xs">
        <Mono>{check.url}</Mono> — {check.ok ? t('settings.allOk') : t('settings.notOk')}
      </Title>
      <Table>
        <Table.Tbody>
          {check.steps.map((step) => {
            const state = step.state === 'ok' ? 'ok' : step.state === 'failed' ? 'failed' : 'none';
            return (
              <Table.Tr key={step.step} data-step={step.step} data-state={step.state}>
                <Table.Td w={40}>
                  <Mark state={state} label={t(`settings.state.${step.state}`)} />
                </Table.Td>
                <Table.Td w={200} fw={600}>
                  {t(`settings.step.${step.step}`)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={step.state === 'failed' ? 'red.9' : undefined}>
                    {step.state === 'ok'
                      ? stepDetail(step, t)
                      : step.state === 'failed'
                        ? step.error
                          ? reasonWithDetails(step.error, lang)
                          : ''
                        : t(`settings.state.${step.state}`)}
                  </Text>
                  {step.state === 'failed' && technicalDetailOf(step.error?.details) !== null ? (
                    <Text size="xs" c="dimmed">
                      {t('common:errors.technicalDetail', { detail: technicalDetailOf(step.error?.details) })}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** 設定: 聯遞系統延伸網址 and its fallbacks in order, the retry policy, 測試連線. */
export function SettingsPage() {
  const { t } = useTranslation('operations');
  const settings = useQuery(hubSettingsQuery);
  return (
    <Stack>
      <PageHeader title={t('common:menu.settingsGeneral')} intro={t('settings.intro')} />
      <ErrorAlert error={settings.error} />
      {settings.isPending ? <Loading /> : null}
      {settings.data ? <SettingsForm settings={settings.data} /> : null}
    </Stack>
  );
}

/** The form starts from the saved settings; after a save it keeps what the user sees (and the checklist). */
function SettingsForm({ settings }: { settings: HubSettings }) {
  const { t } = useTranslation('operations');
  const queryClient = useQueryClient();
  const [urls, setUrls] = useState<string[]>([...settings.urls]);
  const [attempts, setAttempts] = useState(settings.retry.attempts);
  const [delay, setDelay] = useState(settings.retry.baseDelayMs);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [checks, setChecks] = useState<HubUrlCheck[] | null>(null);

  const cleaned = () => urls.map((url) => url.trim()).filter(Boolean);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = await saveHubSettings({ urls: cleaned(), retry: { attempts, baseDelayMs: delay } });
      queryClient.setQueryData(hubSettingsQuery.queryKey, saved);
      notifications.show({
        closeButtonProps: { 'aria-label': t('common:common.close') },
        color: 'green',
        message: t('settings.saved'),
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  const test = async () => {
    setTesting(true);
    setError(null);
    setChecks(null);
    try {
      setChecks((await testHubConnection(cleaned())).checks);
    } catch (failure) {
      setError(failure);
    } finally {
      setTesting(false);
    }
  };
  const move = (from: number, to: number) =>
    setUrls((all) => {
      const copy = [...all];
      const [item] = copy.splice(from, 1);
      copy.splice(to, 0, item ?? '');
      return copy;
    });
  const limits = settings.limits;

  return (
    <Stack>
      <ErrorAlert error={error} />
      {limits ? (
        <Paper withBorder p="lg" maw={860}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
            noValidate
          >
            <Stack>
              <Title order={2} size="h4">
                {t('settings.hubUrls')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('settings.hubUrlsHint')}
              </Text>
              {urls.map((url, index) => (
                <Group key={index} gap="xs" wrap="nowrap">
                  <TextInput
                    aria-label={index === 0 ? t('settings.primary') : t('settings.fallbackN', { n: index })}
                    label={index === 0 ? t('settings.primary') : t('settings.fallbackN', { n: index })}
                    value={url}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setUrls((all) => all.map((old, i) => (i === index ? value : old)));
                    }}
                    style={{ flex: 1 }}
                    placeholder="https://"
                  />
                  <ActionIcon
                    mt={24}
                    variant="subtle"
                    aria-label={t('settings.up', { n: index + 1 })}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    mt={24}
                    variant="subtle"
                    aria-label={t('settings.down', { n: index + 1 })}
                    disabled={index === urls.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    mt={24}
                    variant="subtle"
                    color="red.8"
                    aria-label={t('settings.remove', { n: index + 1 })}
                    disabled={urls.length === 1}
                    onClick={() => setUrls((all) => all.filter((_, i) => i !== index))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  disabled={urls.length >= limits.urls}
                  onClick={() => setUrls((all) => [...all, ''])}
                >
                  {t('settings.addFallback')}
                </Button>
              </Group>
              <Text size="sm">
                {t('settings.hubKey')}
                {t('colon')}
                {settings.hubKeyFingerprint ? (
                  <Mono>{settings.hubKeyFingerprint}</Mono>
                ) : (
                  t('settings.hubKeyNone')
                )}{' '}
                {settings.hubKeyFingerprint
                  ? settings.hubKeyPinned
                    ? t('settings.hubKeyPinned')
                    : t('settings.hubKeyConfigured')
                  : ''}
              </Text>
              <Title order={2} size="h4" mt="sm">
                {t('settings.retry')}
              </Title>
              <Group>
                <NumberInput
                  label={t('settings.attempts')}
                  min={limits.attempts.min}
                  max={limits.attempts.max}
                  value={attempts}
                  onChange={(value) => setAttempts(Number(value))}
                  w={200}
                />
                <NumberInput
                  label={t('settings.delay')}
                  min={limits.baseDelayMs.min}
                  max={limits.baseDelayMs.max}
                  step={100}
                  value={delay}
                  onChange={(value) => setDelay(Number(value))}
                  w={240}
                />
              </Group>
              <Text size="xs" c="dimmed">
                {t('settings.retryHint')}
              </Text>
              {settings.updatedAt ? (
                <Text size="xs" c="dimmed">
                  {t('settings.updated', {
                    time: formatDateTime(settings.updatedAt),
                    user: (settings.updatedBy ?? '').replace(/^web:/, ''),
                  })}
                </Text>
              ) : null}
              <Group justify="flex-end">
                <Button
                  variant="outline"
                  leftSection={<IconPlugConnected size={18} />}
                  loading={testing}
                  onClick={() => void test()}
                >
                  {t('settings.test')}
                </Button>
                <Button type="submit" loading={saving}>
                  {t('common:common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
      {checks ? (
        <Stack gap="sm" maw={860} aria-live="polite">
          {checks.map((check) => (
            <Checklist key={check.url} check={check} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
