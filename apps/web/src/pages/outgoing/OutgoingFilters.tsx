import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_TYPES, OUTGOING_STATUS_TABLE, SUBJECTS } from '@cds/domain';
import type { OutgoingFilter } from '../../api/outgoing';
import { useLang } from '../../lib/useLang';
import { DateField } from '../../components/DateField';

export const NO_FILTER: OutgoingFilter = {
  text: '',
  status: null,
  subject: null,
  type: null,
  from: null,
  to: null,
};

/** 寄發訊息 > 搜尋 (SPEC §6): text, status, subject, type and a range of Hong Kong days, on the server. */
export function OutgoingFilters({
  value,
  onChange,
}: {
  value: OutgoingFilter;
  onChange: (next: OutgoingFilter) => void;
}) {
  const { t } = useTranslation('outgoing');
  const lang = useLang();
  const set = <K extends keyof OutgoingFilter>(key: K, v: OutgoingFilter[K]) =>
    onChange({ ...value, [key]: v });
  const options = (table: { entries: readonly { code: string; 'zh-HK': string; en: string }[] }) =>
    table.entries.map((entry) => ({ value: entry.code, label: entry[lang] }));
  const changed = JSON.stringify(value) !== JSON.stringify(NO_FILTER);

  return (
    <Paper withBorder p="md">
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          label={t('common:common.search')}
          placeholder={t('filters.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={value.text}
          onChange={(event) => set('text', event.currentTarget.value)}
          w={{ base: '100%', sm: 300 }}
        />
        <Select
          label={t('filters.status')}
          placeholder={t('common:common.all')}
          clearable
          value={value.status}
          onChange={(v) => set('status', v)}
          data={options(OUTGOING_STATUS_TABLE)}
          w={{ base: '100%', sm: 150 }}
        />
        <Select
          label={SUBJECTS.title[lang]}
          placeholder={t('common:common.all')}
          clearable
          searchable
          value={value.subject}
          onChange={(v) => set('subject', v)}
          data={options(SUBJECTS)}
          w={{ base: '100%', sm: 200 }}
        />
        <Select
          label={MESSAGE_TYPES.title[lang]}
          placeholder={t('common:common.all')}
          clearable
          value={value.type}
          onChange={(v) => set('type', v)}
          data={options(MESSAGE_TYPES)}
          w={{ base: '100%', sm: 160 }}
        />
        <DateField
          label={t('filters.from')}
          value={value.from}
          maxDate={value.to}
          onChange={(day) => set('from', day)}
          w={{ base: '100%', sm: 160 }}
        />
        <DateField
          label={t('filters.to')}
          value={value.to}
          minDate={value.from}
          onChange={(day) => set('to', day)}
          w={{ base: '100%', sm: 160 }}
        />
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} />}
          disabled={!changed}
          onClick={() => onChange(NO_FILTER)}
        >
          {t('filters.clear')}
        </Button>
      </Group>
    </Paper>
  );
}
