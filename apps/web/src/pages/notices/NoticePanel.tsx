import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconBell, IconInfoCircle, IconSpeakerphone } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NoticeLink, useNoticeLink } from './NoticeLink';
import { dismissNotice, noticesQuery, type NoticeItem } from '../../api/notices';
import { formatDateTime } from '../../lib/format';
import { errorText } from '../../shell/errorText';
import { noticeText } from './noticeText';

const URGENT = new Set(['not_registered', 'key_expired', 'key_locked', 'send_fail']);

function NoticeCard({
  notice,
  checked,
  onCheck,
}: {
  notice: NoticeItem;
  checked: boolean;
  onCheck: (value: boolean) => void;
}) {
  const { t } = useTranslation('notices');
  const { title, body } = noticeText(notice, t);
  const urgent = URGENT.has(notice.kind);
  const Icon = notice.kind === 'maintenance' ? IconSpeakerphone : urgent ? IconAlertTriangle : IconBell;
  const link = useNoticeLink(notice.kind);
  return (
    <Paper withBorder p="md" radius="md" data-testid={`notice-${notice.kind}`}>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon size={36} radius="xl" variant="light" color={urgent ? 'red.8' : 'cds'}>
          <Icon size={20} aria-hidden />
        </ThemeIcon>
        <Stack gap={6} style={{ flex: 1 }}>
          <Text fw={700}>{title}</Text>
          {body ? <Text size="sm">{body}</Text> : null}
          {notice.validTo ? (
            <Text size="xs" c="dimmed">
              {t('dialog.validTo', { date: formatDateTime(notice.validTo) })}
            </Text>
          ) : null}
          <Group justify="space-between" mt={4}>
            {notice.dismissible ? (
              <Checkbox
                label={t('dialog.dontShow')}
                checked={checked}
                onChange={(event) => onCheck(event.currentTarget.checked)}
              />
            ) : (
              <Text size="xs" c="dimmed">
                {t('dialog.mustShow')}
              </Text>
            )}
            {link ? <NoticeLink href={link}>{t('dialog.goTo')}</NoticeLink> : null}
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

/**
 * 通知 at login (SPEC §6): the notices that hold for this user, above the home page; 不再顯示 on each
 * dismissible one is recorded when 確定 is pressed, which then returns to the home page. A panel,
 * not a modal: the menu stays usable, and a notice's link goes straight to where it is dealt with.
 */
export function NoticePanel({ notices, onDone }: { notices: readonly NoticeItem[]; onDone: () => void }) {
  const { t } = useTranslation('notices');
  const queryClient = useQueryClient();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const id of dismissed) await dismissNotice(id);
      await queryClient.invalidateQueries({ queryKey: noticesQuery.queryKey });
      onDone();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper
      component="section"
      aria-labelledby="login-notices-title"
      withBorder
      shadow="sm"
      p="lg"
      mb="lg"
      radius="md"
      data-testid="login-notices"
    >
      <Stack gap="md">
        <Group gap="xs">
          <IconBell size={22} aria-hidden />
          <Title order={2} size="h3" id="login-notices-title">
            {t('dialog.title')}
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('dialog.intro')}
        </Text>
        {notices.map((notice) => (
          <NoticeCard
            key={notice.id}
            notice={notice}
            checked={dismissed.has(notice.id)}
            onCheck={(value) =>
              setDismissed((current) => {
                const next = new Set(current);
                if (value) next.add(notice.id);
                else next.delete(notice.id);
                return next;
              })
            }
          />
        ))}
        {error ? (
          <Alert color="red" icon={<IconInfoCircle size={18} />} role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button onClick={() => void confirm()} loading={busy}>
            {t('dialog.confirm')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
