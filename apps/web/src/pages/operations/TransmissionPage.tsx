import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconInfoCircle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { outgoingQuery } from '../../api/messages';
import {
  startTransmission,
  transmissionRunQuery,
  transmissionsQuery,
  type CycleRun,
} from '../../api/operations';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/useLang';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { ErrorAlert, Loading, Mono, StateBadge, reasonText, useOutcomeLabel } from './shared';

const RUN_COLOUR: Record<CycleRun['state'], string> = {
  running: 'orange',
  completed: 'green',
  stopped: 'red',
  failed: 'red',
};
const GOOD = new Set(['SENT', 'RECEIVED', 'ENCRYPTED', 'refreshed', 'duplicate', 'unchanged']);
const BAD = new Set(['SEND_FAIL', 'REJECTED', 'failed', 'refused']);

/** One cycle: its state, each message's outcome as it happens, then the totals. */
function RunView({ run }: { run: CycleRun }) {
  const { t } = useTranslation('operations');
  const lang = useLang();
  const outcome = useOutcomeLabel();
  const outgoing = useQuery(outgoingQuery({ status: null, text: '' }));
  const rowOf = (id: string) => outgoing.data?.find((row) => row.id === id);
  const description = (id: string) => rowOf(id)?.description ?? null;
  const totals = Object.entries(run.totals).filter(([key]) => !key.startsWith('directory:'));
  return (
    <Paper withBorder p="md" data-testid="transmission-run" data-state={run.state}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={2} size="h4">
              {t('transmission.run', { time: formatDateTime(run.startedAt) })}
            </Title>
            <StateBadge colour={RUN_COLOUR[run.state]}>{t(`transmission.state.${run.state}`)}</StateBadge>
          </Group>
          <Text size="sm" c="dimmed">
            {t(`transmission.trigger.${run.trigger}`)} · {run.actor.replace(/^web:/, '')}
            {run.finishedAt
              ? ` · ${t('transmission.finished', { time: formatDateTime(run.finishedAt) })}`
              : ''}
          </Text>
        </Group>
        {run.stoppedBy ? (
          <Alert color="red" variant="light" role="alert" title={t('transmission.stoppedBy')}>
            {reasonText(run.stoppedBy, lang)}
          </Alert>
        ) : null}
        <div className="cds-table-wrap">
          <Table striped miw={760} data-testid="transmission-messages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('transmission.message')}</Table.Th>
                <Table.Th>{t('transmission.party')}</Table.Th>
                <Table.Th>{t('transmission.step')}</Table.Th>
                <Table.Th>{t('transmission.outcome')}</Table.Th>
                <Table.Th>{t('transmission.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.messages.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed" size="sm">
                      {run.state === 'running' ? t('transmission.waiting') : t('transmission.noMessages')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {run.messages.map((message) => (
                <Table.Tr
                  key={message.messageId}
                  data-message={message.messageId}
                  data-outcome={message.state}
                >
                  <Table.Td>
                    <Stack gap={0}>
                      {description(message.messageId) ? (
                        <Text size="sm">{description(message.messageId)}</Text>
                      ) : null}
                      <Mono>{message.messageId.slice(-12)}</Mono>
                    </Stack>
                  </Table.Td>
                  <Table.Td>{message.party ?? rowOf(message.messageId)?.to.join(', ') ?? '—'}</Table.Td>
                  <Table.Td>
                    {t(`transmission.steps.${message.step}`, { defaultValue: message.step })}
                  </Table.Td>
                  <Table.Td>
                    <StateBadge
                      colour={GOOD.has(message.state) ? 'green' : BAD.has(message.state) ? 'red' : 'orange'}
                    >
                      {outcome(message.state)}
                    </StateBadge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{reasonText(message.reason, lang) || '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        {run.state !== 'running' ? (
          <Stack gap={4} data-testid="transmission-summary">
            <Text fw={600}>{t('transmission.summary')}</Text>
            {totals.length === 0 ? (
              <Text size="sm">{t('transmission.nothing')}</Text>
            ) : (
              totals.map(([key, count]) => {
                const [step = '', state = ''] = key.split(':');
                return (
                  <Text size="sm" key={key}>
                    {t(`transmission.steps.${step}`, { defaultValue: step })} · {outcome(state)}
                    {t('colon')}
                    {count}
                  </Text>
                );
              })
            )}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** 即時傳送: Start runs one cycle now; each message's progress and outcome appear as they happen. */
export function TransmissionPage() {
  const { t } = useTranslation('operations');
  const queryClient = useQueryClient();
  const [active, setActive] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const list = useQuery({ ...transmissionsQuery, refetchInterval: 3000 });
  const shownId = active ?? list.data?.runs[0]?.id ?? null;
  const run = useQuery({
    ...transmissionRunQuery(shownId ?? 'none'),
    enabled: shownId !== null,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 1000 : false),
  });
  const busy = list.data?.running ?? null;

  const start = async () => {
    setStarting(true);
    try {
      const { run: started } = await startTransmission();
      setActive(started.id);
      await queryClient.invalidateQueries({ queryKey: transmissionsQuery.queryKey });
    } catch (failure) {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common:common.close') },
        color: 'red',
        message: errorText(failure, t),
      });
    } finally {
      setStarting(false);
    }
  };

  return (
    <Stack>
      <PageHeader
        title={t('common:menu.transmissionNow')}
        intro={t('transmission.intro')}
        actions={
          <Button
            leftSection={<IconPlayerPlay size={18} />}
            onClick={() => void start()}
            loading={starting}
            disabled={busy !== null}
            aria-describedby={busy ? 'transmission-busy' : undefined}
          >
            {t('transmission.start')}
          </Button>
        }
      />
      {busy ? (
        <Alert id="transmission-busy" color="orange" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('transmission.busy', { holder: busy.holder.replace(/^web:/, '') })}
        </Alert>
      ) : null}
      <ErrorAlert error={list.error ?? run.error} />
      {list.isPending ? <Loading /> : null}
      {run.data ? <RunView run={run.data} /> : null}
      {list.data && list.data.runs.length === 0 && !run.data ? (
        <Text c="dimmed">{t('transmission.none')}</Text>
      ) : null}
      {list.data && list.data.runs.length > 1 ? (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('transmission.recent')}
          </Title>
          <Table>
            <Table.Tbody>
              {list.data.runs.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{formatDateTime(item.startedAt)}</Table.Td>
                  <Table.Td>{t(`transmission.trigger.${item.trigger}`)}</Table.Td>
                  <Table.Td>
                    <StateBadge colour={RUN_COLOUR[item.state]}>
                      {t(`transmission.state.${item.state}`)}
                    </StateBadge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="xs"
                      onClick={() => setActive(item.id)}
                      disabled={item.id === shownId}
                    >
                      {t('transmission.show')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
}
