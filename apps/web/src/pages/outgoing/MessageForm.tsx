import { MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AGENCIES, ENCRYPTION_LEVEL_TABLE, MESSAGE_TYPES, PRIORITY_TABLE, SUBJECTS } from '@cds/domain';
import type { MessageFields, OutgoingDetails } from '../../api/outgoing';
import { useLang } from '../../lib/useLang';
import { useMe } from '../../shell/useMe';
import { DateField } from '../../components/DateField';

export interface FormValues {
  to: string[];
  subject: string | null;
  type: string | null;
  description: string;
  priority: string;
  encryptionLevel: string;
  schoolReference: string;
  /** A Hong Kong day (YYYY-MM-DD): replies are due by its end. */
  replyDeadline: string;
}

export const EMPTY_FORM: FormValues = {
  to: [],
  subject: null,
  type: 'SUB',
  description: '',
  priority: 'NORMAL',
  encryptionLevel: 'RESTRICTED',
  schoolReference: '',
  replyDeadline: '',
};

/** Only notices and parameter files ask their recipients for a reply by a date. */
export const takesDeadline = (type: string | null) => type === 'CIR' || type === 'PAR';

const HK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' });

export function formOf(message: OutgoingDetails): FormValues {
  return {
    to: [...message.to],
    subject: message.subject,
    type: message.type,
    description: message.description,
    priority: message.priority,
    encryptionLevel: message.encryptionLevel,
    schoolReference: message.schoolReference ?? '',
    replyDeadline: message.replyDeadline ? HK_DAY.format(new Date(message.replyDeadline)) : '',
  };
}

export function fieldsOf(values: FormValues): MessageFields {
  return {
    to: values.to,
    subject: values.subject ?? '',
    type: values.type ?? '',
    description: values.description.trim(),
    priority: values.priority,
    encryptionLevel: values.encryptionLevel,
    schoolReference: values.schoolReference.trim() || null,
    replyDeadline:
      takesDeadline(values.type) && values.replyDeadline ? `${values.replyDeadline}T23:59:00+08:00` : null,
  };
}

export type FormErrors = Partial<Record<keyof FormValues, string>>;

export function validate(values: FormValues, t: (key: string) => string): FormErrors {
  const errors: FormErrors = {};
  if (values.to.length === 0) errors.to = t('form.required.to');
  if (!values.subject) errors.subject = t('form.required.subject');
  if (!values.type) errors.type = t('form.required.type');
  if (values.description.trim() === '') errors.description = t('form.required.description');
  return errors;
}

/** 編修訊息's fields (SPEC §3): recipients from the directory's agencies, codes with their labels. */
export function MessageForm({
  values,
  errors,
  onChange,
  disabled,
}: {
  values: FormValues;
  errors: FormErrors;
  onChange: (next: FormValues) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('outgoing');
  const lang = useLang();
  const me = useMe();
  const set = <K extends keyof FormValues>(key: K, v: FormValues[K]) => onChange({ ...values, [key]: v });
  const options = (table: { entries: readonly { code: string; 'zh-HK': string; en: string }[] }) =>
    table.entries.map((entry) => ({ value: entry.code, label: entry[lang] }));
  const parties = AGENCIES.entries
    .filter((entry) => entry.code !== me.party)
    .map((entry) => ({ value: entry.code, label: `${entry[lang]} (${entry.code})` }));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="sm">
      {me.nodeRole === 'school' ? (
        // A school addresses exactly one party (the node refuses more), so it picks one.
        <Select
          label={t('field.to')}
          description={t('form.toSchoolHint')}
          required
          data={parties}
          value={values.to[0] ?? null}
          onChange={(v) => set('to', v ? [v] : [])}
          error={errors.to}
          disabled={disabled}
        />
      ) : (
        <MultiSelect
          label={t('field.to')}
          required
          searchable
          data={parties}
          value={values.to}
          onChange={(v) => set('to', v)}
          error={errors.to}
          disabled={disabled}
        />
      )}
      <TextInput
        label={t('field.description')}
        required
        maxLength={200}
        value={values.description}
        onChange={(event) => set('description', event.currentTarget.value)}
        error={errors.description}
        disabled={disabled}
      />
      <Select
        label={SUBJECTS.title[lang]}
        required
        searchable
        data={options(SUBJECTS)}
        value={values.subject}
        onChange={(v) => set('subject', v)}
        error={errors.subject}
        disabled={disabled}
      />
      <Select
        label={MESSAGE_TYPES.title[lang]}
        required
        data={options(MESSAGE_TYPES)}
        value={values.type}
        onChange={(v) => set('type', v)}
        error={errors.type}
        disabled={disabled}
      />
      <Select
        label={PRIORITY_TABLE.title[lang]}
        data={options(PRIORITY_TABLE)}
        value={values.priority}
        allowDeselect={false}
        onChange={(v) => set('priority', v ?? 'NORMAL')}
        disabled={disabled}
      />
      <Select
        label={ENCRYPTION_LEVEL_TABLE.title[lang]}
        data={options(ENCRYPTION_LEVEL_TABLE)}
        value={values.encryptionLevel}
        allowDeselect={false}
        onChange={(v) => set('encryptionLevel', v ?? 'RESTRICTED')}
        disabled={disabled}
      />
      <TextInput
        label={t('field.schoolReference')}
        maxLength={100}
        value={values.schoolReference}
        onChange={(event) => set('schoolReference', event.currentTarget.value)}
        disabled={disabled}
      />
      {takesDeadline(values.type) ? (
        <DateField
          label={t('field.replyDeadline')}
          description={t('form.deadlineHint')}
          value={values.replyDeadline}
          onChange={(day) => set('replyDeadline', day ?? '')}
          disabled={disabled}
        />
      ) : null}
    </SimpleGrid>
  );
}
