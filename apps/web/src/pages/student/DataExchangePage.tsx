import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconAlertTriangle,
  IconCircleCheck,
  IconClipboardList,
  IconSend,
} from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { confirmFormA, prepareFormA, type FormAPreview } from '../../api/student';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { formatDay } from './problems';

/**
 * 學生資料 > 資料互換: 預備 [表格 A - 學生離校] → 預覽 (the file's rows and the validation report)
 * → 確定 (a READY outgoing message to EDB, sealed and sent from 寄發訊息).
 */
export function DataExchangePage() {
  const { t } = useTranslation('student');
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<FormAPreview | null>(null);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'prepare' | 'confirm' | null>(null);

  const prepare = async () => {
    setBusy('prepare');
    setError(null);
    setConfirmed(null);
    try {
      setPreview(await prepareFormA());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  const confirm = async () => {
    if (!preview) return;
    setBusy('confirm');
    setError(null);
    try {
      const message = await confirmFormA(preview.rows.map((row) => row.studentId));
      notifications.show({
        closeButtonProps: { 'aria-label': t('common:common.close') },
        color: 'green',
        message: t('exchange.confirmed', { description: message.description }),
      });
      setConfirmed(message.description);
      setPreview(null);
      await queryClient.invalidateQueries({ queryKey: ['students'] });
      await queryClient.invalidateQueries({ queryKey: ['outgoing'] });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack>
      <PageHeader title={t('exchange.title')} intro={t('exchange.intro')} />
      <Card withBorder padding="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4} maw={640}>
            <Title order={2} size="h4">
              {t('exchange.formA')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('exchange.formAIntro')}
            </Text>
          </Stack>
          <Button
            leftSection={<IconClipboardList size={18} />}
            onClick={() => void prepare()}
            loading={busy === 'prepare'}
          >
            {t('exchange.prepare')}
          </Button>
        </Group>
      </Card>
      {error ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(error, t)}
        </Alert>
      ) : null}
      {confirmed ? (
        <Alert
          color="cds"
          variant="light"
          icon={<IconCircleCheck size={18} />}
          title={t('exchange.confirmedTitle')}
          data-testid="form-a-confirmed"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('exchange.confirmedText')}</Text>
            <Button component={Link} to="/outgoing" variant="light" leftSection={<IconSend size={16} />}>
              {t('exchange.goOutgoing')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {preview ? (
        <Stack data-testid="form-a-preview">
          <Title order={2} size="h4">
            {t('exchange.preview')}
          </Title>
          <Paper withBorder className="cds-table-wrap">
            <Table striped miw={900} data-testid="form-a-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('field.strn')}</Table.Th>
                  <Table.Th>{t('field.nameZh')}</Table.Th>
                  <Table.Th>{t('field.nameEn')}</Table.Th>
                  <Table.Th>{t('field.class')}</Table.Th>
                  <Table.Th>{t('field.admissionDate')}</Table.Th>
                  <Table.Th>{t('field.leavingDate')}</Table.Th>
                  <Table.Th>{t('field.leavingReason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((row) => (
                  <Table.Tr key={row.studentId} data-strn={row.strn}>
                    <Table.Td fw={600}>{row.strn}</Table.Td>
                    <Table.Td>{row.name_zh || '—'}</Table.Td>
                    <Table.Td>{row.name_en}</Table.Td>
                    <Table.Td>
                      {row.class_level} {row.class_name} ({row.class_no})
                    </Table.Td>
                    <Table.Td>{formatDay(row.admission_date)}</Table.Td>
                    <Table.Td>{formatDay(row.leaving_date)}</Table.Td>
                    <Table.Td>{t(`reasons.${row.leaving_reason}`)}</Table.Td>
                  </Table.Tr>
                ))}
                {preview.rows.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Text c="dimmed" ta="center" p="md">
                        {t('exchange.noRows')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Table.Tbody>
            </Table>
          </Paper>
          {preview.rows.length > 0 || preview.problems.length > 0 ? (
            <Alert
              color={preview.problems.length > 0 ? 'red' : 'cds'}
              variant="light"
              icon={
                preview.problems.length > 0 ? <IconAlertTriangle size={18} /> : <IconCircleCheck size={18} />
              }
              title={t('exchange.reportTitle')}
              data-testid="form-a-report"
            >
              {preview.problems.length === 0 ? (
                <Text size="sm">{t('exchange.reportOk', { count: preview.rows.length })}</Text>
              ) : (
                <>
                  <Text size="sm">{t('exchange.reportHeld', { count: preview.problems.length })}</Text>
                  <List size="sm" mt={4}>
                    {preview.problems.map((problem) => (
                      <List.Item key={problem.studentId}>
                        <Badge variant="outline" radius="sm" mr={6}>
                          {problem.strn}
                        </Badge>
                        {t(`exchange.held.${problem.code}`)}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </Alert>
          ) : null}
          <Group justify="flex-end" align="center">
            {preview.rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('exchange.noRows')}
              </Text>
            ) : null}
            <Button
              onClick={() => void confirm()}
              loading={busy === 'confirm'}
              disabled={preview.rows.length === 0}
            >
              {t('exchange.confirm')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
