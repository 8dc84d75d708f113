import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconPlayerPlay } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { createVersionMessage, versionQuery } from '../../api/operations';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../shell/PageHeader';
import { useMe } from '../../shell/useMe';
import { ErrorAlert, Loading, Mono } from './shared';

/** 傳送網上校管系統版本: Start prepares the SYS/VER message to EDB; a key holder seals it in 處理訊息. */
export function VersionPage() {
  const { t } = useTranslation('operations');
  const me = useMe();
  const queryClient = useQueryClient();
  const version = useQuery(versionQuery);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ id: string; description: string } | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setCreated(await createVersionMessage());
      await queryClient.invalidateQueries({ queryKey: ['outgoing'] });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <PageHeader title={t('common:menu.version')} intro={t('version.intro')} />
      <ErrorAlert error={version.error ?? error} />
      {version.isPending ? <Loading /> : null}
      {version.data ? (
        <Paper withBorder p="lg" maw={760}>
          <Stack>
            <Text>
              {t('version.current')}
              {t('colon')}
              <strong data-testid="software-version">{version.data.version}</strong>
            </Text>
            <Text size="sm">{t('version.since', { time: formatDateTime(version.data.upgradedAt) })}</Text>
            <Text size="sm">
              {version.data.reportedAt
                ? t('version.reported', { time: formatDateTime(version.data.reportedAt) })
                : t('version.notReported')}
            </Text>
            <Group justify="flex-end">
              <Button leftSection={<IconPlayerPlay size={18} />} loading={busy} onClick={() => void start()}>
                {t('version.start')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
      {created ? (
        <Alert color="green" variant="light" icon={<IconCheck size={18} />} role="status">
          <Stack gap={4}>
            <Text fw={700} size="sm">
              {t('version.created')}
            </Text>
            <Text size="sm">
              {created.description} · <Mono>{created.id}</Mono>
            </Text>
            <Text size="sm">
              {me.rights.includes('cds.outgoing.process') ? (
                <Anchor component={Link} to="/outgoing/process" underline="always">
                  {t('version.toProcess')}
                </Anchor>
              ) : (
                t('version.keyHolder')
              )}
            </Text>
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}
