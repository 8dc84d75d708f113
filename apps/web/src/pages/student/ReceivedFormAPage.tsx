import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconEye, IconLockOpen } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  decryptMessages,
  receivedFormADetailQuery,
  receivedFormAQuery,
  type ReceivedFormA,
} from '../../api/student';
import { INCOMING_STATUS_TABLE, label } from '@cds/domain';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/useLang';
import { useMe } from '../../shell/useMe';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { formatDay, problemText } from './problems';

const OPENED = ['DECRYPTED', 'IMPORTED', 'IMPORT_FAIL'];

function DecryptModal({
  message,
  onClose,
  onDone,
}: {
  message: ReceivedFormA;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('student');
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const {
        outcomes: [outcome],
      } = await decryptMessages([message.id], key);
      if (outcome && !outcome.ok) throw new Error(outcome.error?.message ?? '');
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setKey('');
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('received.decryptTitle')}
      closeButtonProps={{ 'aria-label': t('common:common.close') }}
    >
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Stack>
          <Text size="sm">{message.description}</Text>
          <PasswordInput
            label={t('received.schoolKey')}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            autoComplete="off"
            data-autofocus
          />
          {error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {error instanceof Error && error.name === 'Error' ? error.message : errorText(error, t)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={busy} disabled={!key}>
              {t('received.decryptSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function FormADetail({ id }: { id: string }) {
  const { t } = useTranslation('student');
  const detail = useQuery(receivedFormADetailQuery(id));
  if (!detail.data) return null;
  const { from, status, rows, report } = detail.data;
  return (
    <Stack data-testid="received-form-a">
      <Title order={2} size="h4">
        {t('received.rowsTitle', { from })}
      </Title>
      {!OPENED.includes(status) ? <Alert variant="light">{t('received.notOpened')}</Alert> : null}
      {rows.length > 0 ? (
        <Paper withBorder className="cds-table-wrap">
          <Table striped miw={900} data-testid="received-form-a-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('field.strn')}</Table.Th>
                <Table.Th>{t('field.nameZh')}</Table.Th>
                <Table.Th>{t('field.nameEn')}</Table.Th>
                <Table.Th>{t('field.sex')}</Table.Th>
                <Table.Th>{t('field.class')}</Table.Th>
                <Table.Th>{t('field.leavingDate')}</Table.Th>
                <Table.Th>{t('field.leavingReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.row} data-strn={row.strn}>
                  <Table.Td fw={600}>{row.strn}</Table.Td>
                  <Table.Td>{row.name_zh || '—'}</Table.Td>
                  <Table.Td>{row.name_en}</Table.Td>
                  <Table.Td>{t(`sex.${row.sex}`, { defaultValue: row.sex })}</Table.Td>
                  <Table.Td>
                    {row.class_level} {row.class_name} ({row.class_no})
                  </Table.Td>
                  <Table.Td>{formatDay(row.leaving_date)}</Table.Td>
                  <Table.Td>
                    {t(`reasons.${row.leaving_reason}`, { defaultValue: row.leaving_reason })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      {report && report.exceptions.length > 0 ? (
        <Alert color="red" variant="light" title={t('received.reportTitle')}>
          <List size="sm">
            {report.exceptions.map((problem, index) => (
              <List.Item key={index}>
                {t('received.reportLine', { row: problem.row, text: problemText(problem, t) })}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}

/** EDB: the Form A messages schools sent; decrypting imports one, and it shows as a table. */
export function ReceivedFormAPage() {
  const { t } = useTranslation(['student', 'common']);
  const me = useMe();
  const lang = useLang();
  const queryClient = useQueryClient();
  const list = useQuery(receivedFormAQuery);
  const [selected, setSelected] = useState<string | null>(null);
  const [decrypting, setDecrypting] = useState<ReceivedFormA | null>(null);
  const mayDecrypt = me.rights.includes('cds.incoming.decrypt');

  const decrypted = async (message: ReceivedFormA) => {
    setDecrypting(null);
    notifications.show({
      closeButtonProps: { 'aria-label': t('common:common.close') },
      color: 'green',
      message: t('received.decrypted'),
    });
    await queryClient.invalidateQueries({ queryKey: ['received-form-a'] });
    setSelected(message.id);
  };

  return (
    <Stack>
      <PageHeader title={t('received.title')} intro={t('received.intro')} />
      {list.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(list.error, t)}
        </Alert>
      ) : null}
      <Paper withBorder className="cds-table-wrap">
        <Table striped highlightOnHover miw={820} data-testid="received-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('received.from')}</Table.Th>
              <Table.Th>{t('received.description')}</Table.Th>
              <Table.Th>{t('received.receivedAt')}</Table.Th>
              <Table.Th>{t('received.status')}</Table.Th>
              <Table.Th>
                <span className="skip-link">{t('common:common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed" ta="center" p="md">
                    {t('received.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {list.data?.map((message) => (
              <Table.Tr key={message.id} data-from={message.from}>
                <Table.Td fw={600}>{message.from}</Table.Td>
                <Table.Td>{message.description}</Table.Td>
                <Table.Td>{formatDateTime(message.receivedAt)}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="dot"
                    radius="sm"
                    color={message.status.endsWith('FAIL') ? 'red' : 'teal'}
                    data-status={message.status}
                  >
                    {label(INCOMING_STATUS_TABLE, message.status, lang)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {OPENED.includes(message.status) ? (
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconEye size={14} />}
                        onClick={() => setSelected(message.id)}
                      >
                        {t('received.open')}
                      </Button>
                    ) : mayDecrypt ? (
                      <Button
                        size="xs"
                        leftSection={<IconLockOpen size={14} />}
                        onClick={() => setDecrypting(message)}
                      >
                        {t('received.decrypt')}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {selected ? <FormADetail id={selected} /> : null}
      {decrypting ? (
        <DecryptModal
          message={decrypting}
          onClose={() => setDecrypting(null)}
          onDone={() => void decrypted(decrypting)}
        />
      ) : null}
    </Stack>
  );
}
