import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS } from '@cds/domain';
import { saveSchedule, scheduleQuery, type Schedule, type ScheduleView } from '../../api/operations';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../shell/PageHeader';
import { useMe } from '../../shell/useMe';
import { ErrorAlert, Loading } from './shared';

type Mode = Schedule['mode'];

/** 設定時間輸送: daily Hong Kong times on chosen weekdays (agencies may also cycle at an interval). */
export function SchedulePage() {
  const { t } = useTranslation('operations');
  const view = useQuery(scheduleQuery);
  return (
    <Stack>
      <PageHeader title={t('common:menu.transmissionSchedule')} intro={t('schedule.intro')} />
      <ErrorAlert error={view.error} />
      {view.isPending ? <Loading /> : null}
      {view.data ? <ScheduleForm view={view.data} /> : null}
    </Stack>
  );
}

/** The form starts from the stored schedule; the next run above follows each save. */
function ScheduleForm({ view }: { view: ScheduleView }) {
  const { t } = useTranslation('operations');
  const me = useMe();
  const queryClient = useQueryClient();
  const stored = view.schedule;
  const [mode, setMode] = useState<Mode>(stored.mode);
  const [times, setTimes] = useState<string[]>(stored.mode === 'daily' ? [...stored.times] : ['08:00']);
  const [weekdays, setWeekdays] = useState<string[]>(
    stored.mode === 'daily' ? [...stored.weekdays] : ['mon', 'tue', 'wed', 'thu', 'fri'],
  );
  const [interval, setIntervalSeconds] = useState<number>(
    stored.mode === 'interval' ? stored.intervalSeconds : 60,
  );
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(null);
    const schedule: Schedule =
      mode === 'daily'
        ? { mode, times: times.map((time) => time.trim()).filter(Boolean), weekdays }
        : mode === 'interval'
          ? { mode, intervalSeconds: interval }
          : { mode: 'off' };
    try {
      const saved = await saveSchedule(schedule);
      queryClient.setQueryData(scheduleQuery.queryKey, saved);
      notifications.show({
        closeButtonProps: { 'aria-label': t('common:common.close') },
        color: 'green',
        message: t('schedule.saved'),
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack>
      <ErrorAlert error={error} />
      {view ? (
        <Paper withBorder p="lg" maw={760}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
            noValidate
          >
            <Stack>
              <Text data-testid="next-run">
                {t('schedule.nextRun')}
                {t('colon')}
                <strong>{view.nextRunAt ? formatDateTime(view.nextRunAt) : t('schedule.noNextRun')}</strong>
              </Text>
              <Radio.Group label={t('schedule.mode')} value={mode} onChange={(value) => setMode(value)}>
                <Stack gap={6} mt={6}>
                  <Radio value="off" label={t('schedule.off')} />
                  <Radio value="daily" label={t('schedule.daily')} />
                  {me.nodeRole === 'agency' ? (
                    <Radio value="interval" label={t('schedule.interval')} />
                  ) : null}
                </Stack>
              </Radio.Group>
              {mode === 'daily' ? (
                <>
                  <Stack gap={6}>
                    <Text fw={500} size="sm">
                      {t('schedule.times')}
                    </Text>
                    {times.map((time, index) => (
                      <Group key={index} gap="xs">
                        <TextInput
                          type="time"
                          aria-label={t('schedule.timeN', { n: index + 1 })}
                          value={time}
                          onChange={(event) => {
                            const value = event.currentTarget.value;
                            setTimes((all) => all.map((old, i) => (i === index ? value : old)));
                          }}
                          w={140}
                        />
                        <ActionIcon
                          variant="subtle"
                          color="red.8"
                          aria-label={t('schedule.removeTime', { n: index + 1 })}
                          disabled={times.length === 1}
                          onClick={() => setTimes((all) => all.filter((_, i) => i !== index))}
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
                        onClick={() => setTimes((all) => [...all, '12:00'])}
                      >
                        {t('schedule.addTime')}
                      </Button>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('schedule.hkTime')}
                    </Text>
                  </Stack>
                  <Checkbox.Group label={t('schedule.weekdays')} value={weekdays} onChange={setWeekdays}>
                    <Group mt={6}>
                      {WEEKDAYS.map((day) => (
                        <Checkbox key={day} value={day} label={t(`schedule.day.${day}`)} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                </>
              ) : null}
              {mode === 'interval' ? (
                <NumberInput
                  label={t('schedule.intervalSeconds')}
                  min={10}
                  max={86400}
                  value={interval}
                  onChange={(value) => setIntervalSeconds(Number(value))}
                  w={220}
                />
              ) : null}
              {view.updatedAt ? (
                <Text size="xs" c="dimmed">
                  {t('schedule.updated', {
                    time: formatDateTime(view.updatedAt),
                    user: (view.updatedBy ?? '').replace(/^web:/, ''),
                  })}
                </Text>
              ) : null}
              <Group justify="flex-end">
                <Button type="submit" loading={saving}>
                  {t('common:common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Stack>
  );
}
