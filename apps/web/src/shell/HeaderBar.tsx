import { Avatar, Box, Burger, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLock, IconLogout, IconMail } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { logOut } from '../api/session';
import { NoticeAlerts } from '../pages/notices/NoticeAlerts';
import { LanguageSwitch } from './LanguageSwitch';
import { usePartyLabel } from './PartyLabel';
import { useMe } from './useMe';

export function HeaderBar({ navOpened, toggleNav }: { navOpened: boolean; toggleNav: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const party = usePartyLabel(me.party, me.nodeRole);

  const onLogout = async () => {
    await logOut().catch(() => undefined);
    queryClient.clear();
    queryClient.setQueryData(['session'], null);
    await navigate({ to: '/login', search: { reason: 'loggedOut' } });
  };

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" className="cds-header">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={toggleNav}
          hiddenFrom="sm"
          size="sm"
          color="#fff"
          aria-label={t('header.openMenu')}
        />
        <Box visibleFrom="sm" display="flex">
          <IconMail size={30} stroke={1.6} aria-hidden />
        </Box>
        <Stack gap={0}>
          <Group gap={8} wrap="nowrap" align="baseline">
            <Text fw={700} size="lg" lh={1.2} style={{ whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Text>
            <Text fw={400} size="sm" opacity={0.85} visibleFrom="md">
              {t('app.websams')}
            </Text>
          </Group>
          <Text size="xs" opacity={0.85} data-testid="party-label" style={{ whiteSpace: 'nowrap' }}>
            {party}
          </Text>
        </Stack>
      </Group>
      <Group gap="md" wrap="nowrap">
        <LanguageSwitch variant="dark" />
        <NoticeAlerts />
        <Menu position="bottom-end" width={240}>
          <Menu.Target>
            <UnstyledButton aria-label={t('header.userMenu')} data-testid="user-menu">
              <Group gap="xs" wrap="nowrap">
                <Avatar color="cds" radius="xl" size="md" variant="white">
                  {me.displayName.slice(0, 1).toUpperCase()}
                </Avatar>
                <Stack gap={0} visibleFrom="sm">
                  <Text size="sm" fw={600} c="white" lh={1.3}>
                    {me.displayName}
                  </Text>
                  <Text size="xs" c="white" opacity={0.85} lh={1.3} data-testid="user-groups">
                    {me.groups.map((group) => t(`groups.${group}`)).join('、')}
                  </Text>
                </Stack>
                <IconChevronDown size={16} color="#fff" />
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{me.username}</Menu.Label>
            <Menu.Item
              leftSection={<IconLock size={16} />}
              onClick={() => void navigate({ to: '/password' })}
            >
              {t('header.changePassword')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red.8" leftSection={<IconLogout size={16} />} onClick={() => void onLogout()}>
              {t('header.logout')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
