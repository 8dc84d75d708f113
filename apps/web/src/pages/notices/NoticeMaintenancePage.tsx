import { useState } from 'react';
import { Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  deleteMaintenance,
  maintenanceQuery,
  noticeConfigQuery,
  type MaintenanceNotice,
} from '../../api/notices';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { MaintenanceNoticeModal } from './MaintenanceNoticeModal';
import { NoticeKindsPanel } from './NoticeKindsPanel';

function stateOf(notice: MaintenanceNotice, now: number): 'current' | 'future' | 'past' {
  if (Date.parse(notice.validFrom) > now) return 'future';
  return Date.parse(notice.validTo) <= now ? 'past' : 'current';
}

/** 維護通知 (SPEC §6), right `cds.notification.maintain`. */
export function NoticeMaintenancePage() {
  const { t } = useTranslation('notices');
  const queryClient = useQueryClient();
  const config = useQuery(noticeConfigQuery);
  const notices = useQuery(maintenanceQuery);
  const [editing, setEditing] = useState<MaintenanceNotice | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MaintenanceNotice | null>(null);
  const [now] = useState(() => Date.now());

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notices'] });
  const remove = async (notice: MaintenanceNotice) => {
    try {
      await deleteMaintenance(notice.id);
      notifications.show({
        color: 'green',
        message: t('maintain.deleted'),
        closeButtonProps: { 'aria-label': t('common:common.close') },
      });
    } catch (failure) {
      notifications.show({
        color: 'red',
        message: errorText(failure, t),
        closeButtonProps: { 'aria-label': t('common:common.close') },
      });
    }
    setDeleting(null);
    await refresh();
  };

  return (
    <Stack gap="lg">
      <PageHeader title={t('maintain.title')} intro={t('maintain.intro')} />
      {config.data ? <NoticeKindsPanel key={JSON.stringify(config.data.config)} view={config.data} /> : null}
      <Paper withBorder p="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('maintain.noticesTitle')}
          </Title>
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            {t('maintain.add')}
          </Button>
        </Group>
        {notices.data && notices.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('maintain.none')}
          </Text>
        ) : (
          <div className="cds-table-wrap">
            <Table miw={820} striped data-testid="maintenance-notices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('maintain.noticeTitle')}</Table.Th>
                  <Table.Th>{t('maintain.period')}</Table.Th>
                  <Table.Th>{t('maintain.state')}</Table.Th>
                  <Table.Th>{t('maintain.audience')}</Table.Th>
                  <Table.Th>{t('maintain.dismissible')}</Table.Th>
                  <Table.Th>{t('maintain.createdBy')}</Table.Th>
                  <Table.Th>{t('common:common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(notices.data ?? []).map((notice) => {
                  const state = stateOf(notice, now);
                  return (
                    <Table.Tr key={notice.id}>
                      <Table.Td fw={600}>{notice.title}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(notice.validFrom)} – {formatDateTime(notice.validTo)}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text
                          size="sm"
                          fw={state === 'current' ? 700 : 400}
                          c={state === 'current' ? 'cds.9' : 'gray.7'}
                        >
                          {t(`maintain.${state}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {notice.groups.map((g) => t(`common:groups.${g}`)).join('、')}
                      </Table.Td>
                      <Table.Td>{t(notice.dismissible ? 'maintain.yes' : 'maintain.no')}</Table.Td>
                      <Table.Td>{notice.createdBy}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="light" onClick={() => setEditing(notice)}>
                            {t('maintain.editAction')}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => setDeleting(notice)}>
                            {t('maintain.delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Paper>
      {editing !== null && config.data ? (
        <MaintenanceNoticeModal
          notice={editing === 'new' ? null : editing}
          groups={config.data.groups}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notifications.show({
              color: 'green',
              message: t('maintain.saved'),
              closeButtonProps: { 'aria-label': t('common:common.close') },
            });
            void refresh();
          }}
        />
      ) : null}
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('maintain.deleteTitle')}
        centered
      >
        <Text mb="md">{t('maintain.deleteConfirm', { title: deleting?.title ?? '' })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('common:common.cancel')}
          </Button>
          <Button color="red.8" onClick={() => deleting && void remove(deleting)}>
            {t('maintain.delete')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
