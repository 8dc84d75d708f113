import { ActionIcon, Group, Indicator, Menu, Text, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBell,
  IconClockExclamation,
  IconInbox,
  IconKey,
  IconLock,
  IconSend,
  IconSendOff,
  type Icon,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { noticesQuery, type NoticeAlert, type SystemNoticeKind } from '../../api/notices';

const ICONS: Readonly<Record<SystemNoticeKind, Icon>> = {
  not_registered: IconAlertTriangle,
  key_expired: IconKey,
  key_locked: IconLock,
  send_fail: IconSendOff,
  key_expiring: IconClockExclamation,
  ready: IconSend,
  unread: IconInbox,
};

/** The count notices get their own icon with the count; the others are listed under the bell. */
const COUNTED: readonly SystemNoticeKind[] = ['send_fail', 'ready', 'unread'];

function useAlertLabel() {
  const { t } = useTranslation('notices');
  return (alert: NoticeAlert) => {
    const title = t(`kinds.${alert.kind}.title`);
    return alert.value !== null && COUNTED.includes(alert.kind)
      ? t('alerts.item', { title, value: alert.value })
      : title;
  };
}

/**
 * Header alert icons (SPEC §6): only for users with the right each needs (the server decides), each
 * with its count, linking to where it is dealt with; the bell lists them all.
 */
export function NoticeAlerts() {
  const { t } = useTranslation('notices');
  const navigate = useNavigate();
  const label = useAlertLabel();
  const { data } = useQuery(noticesQuery);
  const alerts = data?.alerts ?? [];
  const counted = alerts.filter((alert) => COUNTED.includes(alert.kind));

  return (
    <Group gap={4} wrap="nowrap" data-testid="notice-alerts">
      {counted.map((alert) => {
        const Icon = ICONS[alert.kind];
        return (
          <Tooltip key={alert.kind} label={label(alert)}>
            <Indicator label={alert.value} size={18} color="red.8" offset={4} inline>
              <ActionIcon
                variant="subtle"
                color="gray.0"
                size="lg"
                aria-label={label(alert)}
                data-testid={`alert-${alert.kind}`}
                onClick={() => void navigate({ href: alert.link })}
              >
                <Icon size={22} color="#fff" />
              </ActionIcon>
            </Indicator>
          </Tooltip>
        );
      })}
      <Menu position="bottom-end" width={300}>
        <Menu.Target>
          <Tooltip label={t('alerts.label')}>
            <Indicator disabled={alerts.length === 0} color="red.8" size={10} offset={6} inline>
              <ActionIcon variant="subtle" color="gray.0" size="lg" aria-label={t('alerts.label')}>
                <IconBell size={22} color="#fff" />
              </ActionIcon>
            </Indicator>
          </Tooltip>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('alerts.label')}</Menu.Label>
          {alerts.length === 0 ? (
            <Text size="sm" px="sm" pb="xs" c="dimmed">
              {t('alerts.none')}
            </Text>
          ) : (
            alerts.map((alert) => {
              const Icon = ICONS[alert.kind];
              return (
                <Menu.Item
                  key={alert.kind}
                  leftSection={<Icon size={16} />}
                  onClick={() => void navigate({ href: alert.link })}
                >
                  {label(alert)}
                </Menu.Item>
              );
            })
          )}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
