import { Autocomplete, Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AGENCIES, INCOMING_STATUS_TABLE, MESSAGE_TYPES, SUBJECTS } from '@cds/domain';
import type { IncomingFilter } from '../../api/incoming';
import { useLang } from '../../lib/useLang';
import { DateField } from '../../components/DateField';

export const NO_FILTER: Omit<IncomingFilter, 'archived'> = {
  text: '',
  status: null,
  party: '',
  subject: null,
  type: null,
  from: null,
  to: null,
};

/** 搜尋 on the incoming lists (SPEC §6): text, status, sender, subject, type and a range of days. */
export function IncomingFilters({
  value,
  onChange,
}: {
  value: Omit<IncomingFilter, 'archived'>;
  onChange: (next: Omit<IncomingFilter, 'archived'>) => void;
}) {
  const { t } = useTranslation('incoming');
  const lang = useLang();
  const set = <K extends keyof typeof value>(key: K, v: (typeof value)[K]) =>
    onChange({ ...value, [key]: v });
  const options = (table: { entries: readonly { code: string; 'zh-HK': string; en: string }[] }) =>
    table.entries.map((entry) => ({ value: entry.code, label: entry[lang] }));
  const changed = JSON.stringify(value) !== JSON.stringify(NO_FILTER);

  return (
    <Paper withBorder p="md">
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          label={t('common:common.search')}
          placeholder={t('searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={value.text}
          onChange={(event) => set('text', event.currentTarget.value)}
          w={{ base: '100%', sm: 280 }}
        />
        <Select
          label={t('filters.status')}
          placeholder={t('common:common.all')}
          clearable
          value={value.status}
          onChange={(v) => set('status', v)}
          data={options(INCOMING_STATUS_TABLE)}
          w={{ base: '100%', sm: 150 }}
        />
        <Autocomplete
          label={t('filters.sender')}
          placeholder={t('filters.senderPlaceholder')}
          value={value.party}
          onChange={(v) => set('party', v)}
          data={AGENCIES.entries.map((entry) => ({ value: entry.code, label: entry.code }))}
          w={{ base: '100%', sm: 140 }}
        />
        <Select
          label={SUBJECTS.title[lang]}
          placeholder={t('common:common.all')}
          clearable
          searchable
          value={value.subject}
          onChange={(v) => set('subject', v)}
          data={options(SUBJECTS)}
          w={{ base: '100%', sm: 190 }}
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
