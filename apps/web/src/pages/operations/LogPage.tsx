import { useState } from 'react';
import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { logDayQuery, logDaysQuery, logSearchQuery, type LogEntry, type LogLine } from '../../api/operations';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/useLang';
import { PageHeader } from '../../shell/PageHeader';
import { ErrorAlert, Loading, Mono, reasonText, useOutcomeLabel } from './shared';

const dayLabel = (date: string) => date.split('-').reverse().join('/');

function LogTable({ lines, withDate }: { lines: readonly LogLine[]; withDate: boolean }) {
  const { t } = useTranslation('operations');
  const lang = useLang();
  const outcome = useOutcomeLabel();
  // A message line's parts the cycle writes in fixed words (`party EDB; try 2 of 3 in 500 ms`), read
  // in the user's language; anything else (a key id) is shown as written. Old files read the same.
  const middleDetail = (detail: string): string =>
    detail
      .split('; ')
      .map((part) => {
        const party = /^party (\S+)$/.exec(part);
        if (party) return t('log.detailParty', { party: party[1] });
        const retry = /^try (\d+) of (\d+) in (\d+) ms$/.exec(part);
        if (retry) return t('log.detailRetry', { attempt: retry[1], of: retry[2], ms: retry[3] });
        const resume = /^resuming at byte (\d+) in (\d+) ms$/.exec(part);
        if (resume) return t('log.detailResume', { offset: resume[1], ms: resume[2] });
        const entries = /^(\d+) new entries$/.exec(part);
        if (entries) return t('log.detailEntries', { count: Number(entries[1]) });
        return part;
      })
      .join(lang === 'en' ? '; ' : '；');
  // The file's own words made readable: the user on a start, the totals on an end.
  const detailText = (entry: LogEntry): string | null => {
    if (entry.detail === null) return null;
    if (entry.action === 'start') return entry.detail.replace(/^user /, '').replace(/^(web|cli):/, '');
    if (entry.action !== 'end') return middleDetail(entry.detail);
    return entry.detail
      .split(/\s+/)
      .map((total) => /^(\w+):(\w+)=(\d+)$/.exec(total))
      .map((match, index) =>
        match
          ? `${t(`transmission.steps.${match[1]}`, { defaultValue: match[1] })} · ${outcome(match[2] ?? '')}${t('colon')}${match[3]}`
          : (entry.detail?.split(/\s+/)[index] ?? ''),
      )
      .join(lang === 'en' ? '; ' : '；');
  };
  return (
    <div className="cds-table-wrap">
      <Table striped miw={860} data-testid="log-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('log.time')}</Table.Th>
            <Table.Th>{t('log.action')}</Table.Th>
            <Table.Th>{t('log.message')}</Table.Th>
            <Table.Th>{t('log.result')}</Table.Th>
            <Table.Th>{t('log.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => {
            const entry = line.entry;
            return (
              <Table.Tr key={`${line.date ?? ''}:${line.line}`}>
                {entry ? (
                  <>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(new Date(entry.at).toISOString())}
                    </Table.Td>
                    <Table.Td>{t(`log.actions.${entry.action}`, { defaultValue: entry.action })}</Table.Td>
                    <Table.Td>{entry.messageId ? <Mono>{entry.messageId}</Mono> : '—'}</Table.Td>
                    <Table.Td>
                      {entry.action === 'start'
                        ? t(`transmission.trigger.${entry.result}`, { defaultValue: entry.result })
                        : entry.action === 'end'
                          ? t(`transmission.state.${entry.result}`, { defaultValue: entry.result })
                          : outcome(entry.result)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {[entry.code ? reasonText(entry.code, lang) : null, detailText(entry)]
                          .filter(Boolean)
                          .join(' · ') || '—'}
                      </Text>
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={5}>
                    <Mono>
                      {withDate ? `${line.date ?? ''} ` : ''}
                      {line.text}
                    </Mono>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** 聯遞系統紀錄: one log per Hong Kong day a cycle ran; view a day, search all days, download the file. */
export function LogPage() {
  const { t } = useTranslation('operations');
  const days = useQuery(logDaysQuery);
  const [chosen, setDate] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 300);
  const newest =
    days.data?.days
      .map((day) => day.date)
      .toSorted()
      .at(-1) ?? null;
  const date = chosen ?? newest;
  const day = useQuery({ ...logDayQuery(date ?? ''), enabled: date !== null && search === '' });
  const found = useQuery({ ...logSearchQuery(search), enabled: search !== '' });

  return (
    <Stack>
      <PageHeader title={t('common:menu.log')} intro={t('log.intro')} />
      <ErrorAlert error={days.error ?? day.error ?? found.error} />
      <Paper withBorder p="md">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('log.day')}
            data={(days.data?.days ?? [])
              .toSorted((a, b) => b.date.localeCompare(a.date))
              .map((item) => ({ value: item.date, label: dayLabel(item.date) }))}
            value={date}
            onChange={setDate}
            placeholder={t('log.noDays')}
            w={200}
            allowDeselect={false}
          />
          <TextInput
            label={t('log.search')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            placeholder={t('log.searchHint')}
            w={320}
          />
          {date ? (
            <Button
              component="a"
              href={`/api/logs/${date}/download`}
              download
              variant="light"
              leftSection={<IconDownload size={18} />}
            >
              {t('log.download', { file: `CDS_${date.replaceAll('-', '')}.log` })}
            </Button>
          ) : null}
        </Group>
      </Paper>
      {days.isPending || day.isFetching || found.isFetching ? <Loading /> : null}
      {days.data && days.data.days.length === 0 ? <Text c="dimmed">{t('log.empty')}</Text> : null}
      {search !== '' && found.data ? (
        <Stack gap="xs">
          <Text size="sm">
            {t('log.matches', { count: found.data.matches.length })}
            {found.data.truncated ? ` ${t('log.truncated')}` : ''}
          </Text>
          <LogTable lines={found.data.matches} withDate />
        </Stack>
      ) : null}
      {search === '' && day.data ? (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('log.lines', { count: day.data.lines.length, day: dayLabel(day.data.date) })}{' '}
            <Anchor href={`/api/logs/${day.data.date}/download`} download size="sm" underline="always">
              {`CDS_${day.data.date.replaceAll('-', '')}.log`}
            </Anchor>
          </Text>
          <LogTable lines={day.data.lines} withDate={false} />
        </Stack>
      ) : null}
    </Stack>
  );
}
