import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Menu,
  Paper,
  Stack,
  Table,
  Text,
  ActionIcon,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconDots,
  IconKey,
  IconPencil,
  IconUserOff,
  IconUserPlus,
  IconUserCheck,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { updateUser, usersQuery, type UserRow } from '../api/users';
import { formatDateTime } from '../lib/format';
import { PageHeader } from '../shell/PageHeader';
import { errorText } from '../shell/errorText';
import { AddUserModal, EditUserModal, ResetPasswordModal } from './UserModals';

type Dialog = { kind: 'add' } | { kind: 'edit'; user: UserRow } | { kind: 'reset'; user: UserRow } | null;

/** 用戶管理: users with their groups and state; add, edit groups, disable / enable, reset password. */
export function UsersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useQuery(usersQuery);
  const [dialog, setDialog] = useState<Dialog>(null);

  const done = async (message: string) => {
    setDialog(null);
    notifications.show({ color: 'green', message });
    await queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
  };

  const toggle = async (user: UserRow) => {
    try {
      await updateUser(user.username, { disabled: !user.disabled });
      await done(t(user.disabled ? 'users.enabledDone' : 'users.disabledDone', { username: user.username }));
    } catch (failure) {
      notifications.show({
        color: 'red',
        icon: <IconAlertCircle size={18} />,
        message: errorText(failure, t),
      });
    }
  };

  return (
    <Stack>
      <PageHeader
        title={t('users.title')}
        intro={t('users.intro')}
        actions={
          <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDialog({ kind: 'add' })}>
            {t('users.add')}
          </Button>
        }
      />
      {users.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(users.error, t)}
        </Alert>
      ) : null}
      <Paper withBorder className="cds-table-wrap">
        <Table striped highlightOnHover miw={820} data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.username')}</Table.Th>
              <Table.Th>{t('users.displayName')}</Table.Th>
              <Table.Th>{t('users.groups')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th>{t('users.lastLogin')}</Table.Th>
              <Table.Th>
                <span className="skip-link">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.isPending ? (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Group justify="center" p="lg">
                    <Loader size="sm" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {users.data?.map((user) => (
              <Table.Tr key={user.username} data-username={user.username}>
                <Table.Td fw={600}>{user.username}</Table.Td>
                <Table.Td>{user.displayName}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {user.groups.map((group) => (
                      <Badge key={group} variant="light" radius="sm">
                        {t(`groups.${group}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color={user.disabled ? 'gray' : 'green'} variant="dot">
                      {user.disabled ? t('users.disabled') : t('users.active')}
                    </Badge>
                    {user.mustChangePassword ? (
                      <Badge color="yellow" variant="light" radius="sm">
                        {t('users.mustChange')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {user.lastLoginAt ? (
                    formatDateTime(user.lastLoginAt)
                  ) : (
                    <Text c="dimmed" size="sm">
                      {t('users.never')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`${t('common.actions')} ${user.username}`}
                      >
                        <IconDots size={18} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item
                        leftSection={<IconPencil size={16} />}
                        onClick={() => setDialog({ kind: 'edit', user })}
                      >
                        {t('users.edit')}
                      </Menu.Item>
                      <Menu.Item
                        leftSection={<IconKey size={16} />}
                        onClick={() => setDialog({ kind: 'reset', user })}
                      >
                        {t('users.resetPassword')}
                      </Menu.Item>
                      <Menu.Item
                        color={user.disabled ? undefined : 'red.8'}
                        leftSection={user.disabled ? <IconUserCheck size={16} /> : <IconUserOff size={16} />}
                        onClick={() => void toggle(user)}
                      >
                        {user.disabled ? t('users.enable') : t('users.disable')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <AddUserModal
        opened={dialog?.kind === 'add'}
        onClose={() => setDialog(null)}
        onDone={(m) => void done(m)}
      />
      {dialog?.kind === 'edit' ? (
        <EditUserModal user={dialog.user} onClose={() => setDialog(null)} onDone={(m) => void done(m)} />
      ) : null}
      {dialog?.kind === 'reset' ? (
        <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} onDone={(m) => void done(m)} />
      ) : null}
    </Stack>
  );
}
