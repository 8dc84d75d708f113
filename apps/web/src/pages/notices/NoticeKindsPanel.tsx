import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  SYSTEM_NOTICE_KINDS,
  saveNoticeConfig,
  type NoticeConfig,
  type NoticeConfigView,
} from '../../api/notices';
import { errorText } from '../../shell/errorText';

/** 維護通知, the kinds (the parent keys it by the saved configuration, so a reload starts afresh): per kind, the groups it is shown to and whether it may be dismissed. */
export function NoticeKindsPanel({ view }: { view: NoticeConfigView }) {
  const { t } = useTranslation('notices');
  const queryClient = useQueryClient();
  const [config, setConfig] = useState<NoticeConfig>(view.config);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (kind: keyof NoticeConfig, patch: Partial<NoticeConfig[keyof NoticeConfig]>) =>
    setConfig((current) => ({ ...current, [kind]: { ...current[kind], ...patch } }));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await saveNoticeConfig(config);
      await queryClient.invalidateQueries({ queryKey: ['notices'] });
      notifications.show({
        color: 'green',
        message: t('maintain.savedKinds'),
        closeButtonProps: { 'aria-label': t('common:common.close') },
      });
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="sm">
        {t('maintain.kindsTitle')}
      </Title>
      {error ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" mb="sm">
          {error}
        </Alert>
      ) : null}
      <div className="cds-table-wrap">
        <Table miw={760} verticalSpacing="sm" data-testid="notice-kinds">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('maintain.kind')}</Table.Th>
              <Table.Th>{t('maintain.audience')}</Table.Th>
              <Table.Th>{t('maintain.dismissible')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {SYSTEM_NOTICE_KINDS.map((kind) => {
              const never = view.neverDismissible.includes(kind);
              const title = t(`kinds.${kind}.title`);
              return (
                <Table.Tr key={kind}>
                  <Table.Td fw={600}>{title}</Table.Td>
                  <Table.Td>
                    <Group gap="sm">
                      {view.groups.map((group) => (
                        <Checkbox
                          key={group}
                          size="xs"
                          label={t(`common:groups.${group}`)}
                          aria-label={`${title}：${t(`common:groups.${group}`)}`}
                          checked={config[kind].groups.includes(group)}
                          onChange={(event) =>
                            change(kind, {
                              groups: event.currentTarget.checked
                                ? [...config[kind].groups, group]
                                : config[kind].groups.filter((g) => g !== group),
                            })
                          }
                        />
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`${title}：${t('maintain.dismissible')}`}
                      checked={config[kind].dismissible && !never}
                      disabled={never}
                      onChange={(event) => change(kind, { dismissible: event.currentTarget.checked })}
                    />
                    {never ? (
                      <Text size="xs" c="dimmed" mt={4}>
                        {t('maintain.neverDismissible')}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>
      <Group justify="flex-end" mt="md">
        <Button onClick={() => void save()} loading={busy}>
          {t('maintain.saveKinds')}
        </Button>
      </Group>
    </Paper>
  );
}
