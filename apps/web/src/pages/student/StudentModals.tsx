import { useState } from 'react';
import { Button, Code, FileInput, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconFileTypeCsv } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  importStudents,
  LEAVING_REASONS,
  REGISTER_COLUMNS,
  setLeaving,
  updateStudent,
  type StudentFields,
  type StudentRow,
} from '../../api/student';
import { ProblemReport } from './problems';
import { DateField } from '../../components/DateField';

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** 匯入 CSV: the file goes to the node as it is (bytes, so a wrong encoding is named by line). */
export function ImportModal({
  opened,
  onClose,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  onDone: (m: string) => void;
}) {
  const { t } = useTranslation('student');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setFile(null);
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const { imported } = await importStudents(await base64Of(file));
      setFile(null);
      onDone(t('importModal.done', { count: imported }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('importModal.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common:common.close') }}
    >
      <Stack>
        <Text size="sm">{t('importModal.intro')}</Text>
        <Group gap={6}>
          {REGISTER_COLUMNS.split(',').map((column) => (
            <Code key={column}>{column}</Code>
          ))}
        </Group>
        <Text size="sm">{t('importModal.rules')}</Text>
        <FileInput
          label={t('importModal.file')}
          placeholder={t('importModal.filePlaceholder')}
          accept=".csv,text/csv"
          leftSection={<IconFileTypeCsv size={18} />}
          value={file}
          onChange={setFile}
          data-testid="student-csv"
          aria-label={t('importModal.file')}
        />
        {error ? <ProblemReport error={error} byRow /> : null}
        <Group justify="flex-end">
          <Button onClick={() => void submit()} disabled={!file} loading={busy}>
            {t('importModal.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** 設定離校: the day, a reason from the list, an optional note. */
export function LeaveModal({
  student,
  onClose,
  onDone,
}: {
  student: StudentRow;
  onClose: () => void;
  onDone: (m: string) => void;
}) {
  const { t } = useTranslation('student');
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await setLeaving(student.id, student.version, {
        leavingDate: date,
        leavingReason: reason,
        leavingNote: note || null,
      });
      onDone(t('register.leftDone', { strn: student.strn }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('common:common.close') }}
      onClose={onClose}
      title={t('leaveModal.title', { name: student.nameZh ?? student.nameEn, strn: student.strn })}
    >
      <Stack>
        <Text size="sm">{t('leaveModal.intro')}</Text>
        <DateField
          label={t('field.leavingDate')}
          required
          value={date}
          onChange={(day) => setDate(day ?? '')}
        />
        <NativeSelect
          label={t('field.leavingReason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data={[
            { value: '', label: t('leaveModal.selectReason') },
            ...LEAVING_REASONS.map((code) => ({ value: code, label: t(`reasons.${code}`) })),
          ]}
        />
        <TextInput
          label={t('field.leavingNote')}
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {error ? <ProblemReport error={error} byRow={false} /> : null}
        <Group justify="flex-end">
          <Button color="red.8" onClick={() => void submit()} loading={busy} disabled={!date || !reason}>
            {t('leaveModal.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const FIELD_KEYS = [
  'strn',
  'nameEn',
  'nameZh',
  'sex',
  'dateOfBirth',
  'classLevel',
  'className',
  'classNo',
  'admissionDate',
] as const;

/** 修改: every field of the register's record, checked by the node with the import's rules. */
export function EditModal({
  student,
  onClose,
  onDone,
}: {
  student: StudentRow;
  onClose: () => void;
  onDone: (m: string) => void;
}) {
  const { t } = useTranslation('student');
  const [fields, setFields] = useState<StudentFields>({
    strn: student.strn,
    nameEn: student.nameEn,
    nameZh: student.nameZh ?? '',
    sex: student.sex,
    dateOfBirth: student.dateOfBirth,
    classLevel: student.classLevel,
    className: student.className,
    classNo: String(student.classNo),
    admissionDate: student.admissionDate,
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await updateStudent(student.id, student.version, fields);
      onDone(t('register.saved', { strn: saved.strn }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('editModal.title', { strn: student.strn })}
      closeButtonProps={{ 'aria-label': t('common:common.close') }}
    >
      <Stack gap="xs">
        {FIELD_KEYS.map((key) =>
          key === 'sex' ? (
            <NativeSelect
              key={key}
              label={t('field.sex')}
              value={fields.sex}
              onChange={(e) => setFields({ ...fields, sex: e.currentTarget.value })}
              data={[
                { value: 'M', label: t('sex.M') },
                { value: 'F', label: t('sex.F') },
              ]}
            />
          ) : (
            <TextInput
              key={key}
              label={t(`field.${key}`)}
              type={key === 'dateOfBirth' || key === 'admissionDate' ? 'date' : 'text'}
              value={fields[key]}
              onChange={(e) => setFields({ ...fields, [key]: e.currentTarget.value })}
            />
          ),
        )}
        {error ? <ProblemReport error={error} byRow={false} /> : null}
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={busy}>
            {t('editModal.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
