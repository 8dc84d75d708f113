import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  createMaintenance,
  updateMaintenance,
  type MaintenanceInput,
  type MaintenanceNotice,
} from '../../api/notices';
import { DateField } from '../../components/DateField';
import { errorText } from '../../shell/errorText';

/** The validity fields hold Hong Kong wall-clock times (`YYYY-MM-DDTHH:mm`), whatever the computer's time zone. */
const HK_LOCAL = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Hong_Kong',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
export const toLocalInput = (iso: string) => HK_LOCAL.format(new Date(iso)).replace(' ', 'T');
const toIso = (local: string) => (local ? `${local}:00+08:00` : '');

/** 新增 / 編輯維護通知: title, text, validity period (Hong Kong time), audience groups, dismissible. */
export function MaintenanceNoticeModal({
  notice,
  groups,
  onClose,
  onSaved,
}: {
  notice: MaintenanceNotice | null;
  groups: readonly string[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('notices');
  const now = new Date();
  const [title, setTitle] = useState(notice?.title ?? '');
  const [body, setBody] = useState(notice?.body ?? '');
  const [validFrom, setValidFrom] = useState(toLocalInput(notice?.validFrom ?? now.toISOString()));
  const [validTo, setValidTo] = useState(
    toLocalInput(notice?.validTo ?? new Date(now.getTime() + 7 * 86_400_000).toISOString()),
  );
  const [audience, setAudience] = useState<string[]>([
    ...(notice?.groups ?? ['SYSTEM_ADMIN', 'SCHOOL_HEAD']),
  ]);
  const [dismissible, setDismissible] = useState(notice?.dismissible ?? true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (title.trim() === '') return setError(t('maintain.titleRequired'));
    if (!validFrom || !validTo || validTo <= validFrom) return setError(t('maintain.periodInvalid'));
    if (audience.length === 0) return setError(t('maintain.groupsRequired'));
    const input: MaintenanceInput = {
      title,
      body,
      validFrom: toIso(validFrom),
      validTo: toIso(validTo),
      groups: audience,
      dismissible,
    };
    setBusy(true);
    try {
      if (notice) await updateMaintenance(notice.id, input);
      else await createMaintenance(input);
      onSaved();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t(notice ? 'maintain.edit' : 'maintain.add')} size="lg" centered>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput
            label={t('maintain.noticeTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={200}
            required
            data-autofocus
          />
          <Textarea
            label={t('maintain.body')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={4000}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField
              withTime
              label={t('maintain.validFrom')}
              value={validFrom}
              onChange={(time) => setValidFrom(time ?? '')}
              required
            />
            <DateField
              withTime
              label={t('maintain.validTo')}
              value={validTo}
              onChange={(time) => setValidTo(time ?? '')}
              required
            />
          </SimpleGrid>
          <Checkbox.Group label={t('maintain.audience')} value={audience} onChange={setAudience} required>
            <Group mt={6}>
              {groups.map((group) => (
                <Checkbox key={group} value={group} label={t(`common:groups.${group}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Switch
            label={t('maintain.dismissible')}
            checked={dismissible}
            onChange={(e) => setDismissible(e.currentTarget.checked)}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common:common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
