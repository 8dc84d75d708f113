import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Menu,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconDots,
  IconDoorExit,
  IconFileImport,
  IconPencil,
  IconRotate,
  IconSearch,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setLeaving, studentsQuery, type StudentRow } from '../../api/student';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { EditModal, ImportModal, LeaveModal } from './StudentModals';
import { formatDay } from './problems';

type Dialog =
  { kind: 'import' } | { kind: 'edit'; student: StudentRow } | { kind: 'leave'; student: StudentRow } | null;
type StatusFilter = 'ALL' | 'ENROLLED' | 'LEFT';

const REPORT_COLOR = { NOT_REPORTED: 'orange', PREPARED: 'blue', REPORTED: 'green' } as const;

/** 學生資料: search, import, edit, and 離校 (SPEC §8). */
export function StudentsPage() {
  const { t } = useTranslation('student');
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<StatusFilter>('ALL');
  const [debounced] = useDebouncedValue(text, 250);
  const students = useQuery(studentsQuery({ text: debounced, status: status === 'ALL' ? null : status }));
  const [dialog, setDialog] = useState<Dialog>(null);

  const done = async (message: string) => {
    setDialog(null);
    notifications.show({
      closeButtonProps: { 'aria-label': t('common:common.close') },
      color: 'green',
      message,
    });
    await queryClient.invalidateQueries({ queryKey: ['students'] });
  };
  const undo = async (student: StudentRow) => {
    try {
      await setLeaving(student.id, student.version, null);
      await done(t('register.undoneDone', { strn: student.strn }));
    } catch (failure) {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common:common.close') },
        color: 'red',
        icon: <IconAlertCircle size={18} />,
        message: errorText(failure, t),
      });
    }
  };

  return (
    <Stack>
      <PageHeader
        title={t('register.title')}
        intro={t('register.intro')}
        actions={
          <Button leftSection={<IconFileImport size={18} />} onClick={() => setDialog({ kind: 'import' })}>
            {t('register.import')}
          </Button>
        }
      />
      <Group align="flex-end">
        <TextInput
          label={t('register.search')}
          placeholder={t('register.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={320}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="student-status-label">
            {t('register.statusFilter')}
          </Text>
          <SegmentedControl
            aria-labelledby="student-status-label"
            value={status}
            onChange={(value) => setStatus(value)}
            data={[
              { value: 'ALL', label: t('register.all') },
              { value: 'ENROLLED', label: t('status.ENROLLED') },
              { value: 'LEFT', label: t('status.LEFT') },
            ]}
          />
        </Stack>
      </Group>
      {students.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(students.error, t)}
        </Alert>
      ) : null}
      <Paper withBorder className="cds-table-wrap">
        <Table striped highlightOnHover miw={900} data-testid="students-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('field.strn')}</Table.Th>
              <Table.Th>{t('field.nameZh')}</Table.Th>
              <Table.Th>{t('field.nameEn')}</Table.Th>
              <Table.Th>{t('field.class')}</Table.Th>
              <Table.Th>{t('field.status')}</Table.Th>
              <Table.Th>{t('field.leavingDate')}</Table.Th>
              <Table.Th>{t('field.formA')}</Table.Th>
              <Table.Th>
                <span className="skip-link">{t('common:common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {students.isPending ? (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Group justify="center" p="lg">
                    <Loader size="sm" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {students.data?.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text c="dimmed" ta="center" p="md">
                    {t('register.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {students.data?.map((student) => {
              const locked = student.reportState === 'PREPARED' || student.reportState === 'REPORTED';
              return (
                <Table.Tr key={student.id} data-strn={student.strn}>
                  <Table.Td fw={600}>{student.strn}</Table.Td>
                  <Table.Td>{student.nameZh ?? '—'}</Table.Td>
                  <Table.Td>{student.nameEn}</Table.Td>
                  <Table.Td>
                    {student.classLevel} {student.className} ({student.classNo})
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={student.status === 'LEFT' ? 'gray' : 'green'}
                      variant="dot"
                      data-status={student.status}
                    >
                      {t(`status.${student.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {student.leavingDate ? (
                      <Stack gap={0}>
                        <Text size="sm">{formatDay(student.leavingDate)}</Text>
                        <Text size="xs" c="dimmed">
                          {student.leavingReason ? t(`reasons.${student.leavingReason}`) : ''}
                        </Text>
                      </Stack>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {student.reportState ? (
                      <Badge
                        color={REPORT_COLOR[student.reportState]}
                        variant="dot"
                        radius="sm"
                        data-report={student.reportState}
                      >
                        {t(`report.${student.reportState}`)}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`${t('common:common.actions')} ${student.strn}`}
                        >
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item
                          leftSection={<IconPencil size={16} />}
                          onClick={() => setDialog({ kind: 'edit', student })}
                        >
                          {t('register.edit')}
                        </Menu.Item>
                        {student.status === 'ENROLLED' ? (
                          <Menu.Item
                            leftSection={<IconDoorExit size={16} />}
                            onClick={() => setDialog({ kind: 'leave', student })}
                          >
                            {t('register.setLeft')}
                          </Menu.Item>
                        ) : (
                          <Tooltip label={t('register.lockedReason')} disabled={!locked} position="left">
                            <Menu.Item
                              leftSection={<IconRotate size={16} />}
                              disabled={locked}
                              onClick={() => void undo(student)}
                            >
                              {t('register.undoLeft')}
                            </Menu.Item>
                          </Tooltip>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <ImportModal
        opened={dialog?.kind === 'import'}
        onClose={() => setDialog(null)}
        onDone={(m) => void done(m)}
      />
      {dialog?.kind === 'edit' ? (
        <EditModal student={dialog.student} onClose={() => setDialog(null)} onDone={(m) => void done(m)} />
      ) : null}
      {dialog?.kind === 'leave' ? (
        <LeaveModal student={dialog.student} onClose={() => setDialog(null)} onDone={(m) => void done(m)} />
      ) : null}
    </Stack>
  );
}
