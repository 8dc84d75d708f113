import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ENCRYPTION_LEVEL_TABLE, MESSAGE_TYPES, PRIORITY_TABLE, SUBJECTS, label } from '@cds/domain';
import { outgoingPageQuery, type OutgoingFilter, type OutgoingRow } from '../../api/outgoing';
import { DateTimeText } from '../../components/DateTimeText';
import { useLang } from '../../lib/useLang';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { NO_FILTER, OutgoingFilters } from './OutgoingFilters';
import { SelectionToolbar } from './SelectionToolbar';
import { StatusBadge } from './StatusBadge';
import { reasonText } from './reason';

const COLUMNS = 10;

/**
 * The list fits a 1366 px screen in both languages: the description takes a share of the width and
 * wraps (two lines, then "…" with the whole text on hover), dates may take two lines, and the
 * short labels wrap only between words — never "學校資 / 料" (keep-all keeps CJK words whole). The
 * table scrolls sideways only below about 1180 px of screen.
 */
// On each cell (styles.css gives every :lang(zh-HK) element word-break: normal, so inheriting would not do).
const TABLE_TEXT = { td: { wordBreak: 'keep-all' } } as const;
const DESCRIPTION_CELL = { minWidth: 200, width: '30%', wordBreak: 'normal' } as const;

export function usePartyName() {
  const { t } = useTranslation();
  return (code: string) => t(`party.agencyNames.${code}`, { defaultValue: code });
}

/**
 * 寄發訊息 (編修訊息's list) and 已庫存寄發訊息: the node filters, searches and pages (keyset
 * cursors, newest first); a user without `cds.outgoing.all` gets only their own messages from it.
 */
export function OutgoingListPage({ archived = false }: { archived?: boolean }) {
  const { t } = useTranslation('outgoing');
  const lang = useLang();
  const party = usePartyName();
  const [filter, setFilter] = useState<OutgoingFilter>(NO_FILTER);
  const [debounced] = useDebouncedValue(filter, 300);
  // Cursors of the pages before this one, so 上一頁 goes back without offsets.
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const [selected, setSelected] = useState<ReadonlyMap<string, OutgoingRow>>(new Map());
  const query = useQuery(outgoingPageQuery(debounced, archived, after));
  const rows = query.data?.items ?? [];

  const changeFilter = (next: OutgoingFilter) => {
    setFilter(next);
    setCursors([null]);
    setSelected(new Map());
  };
  const toggle = (row: OutgoingRow, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(row.id, row);
    else next.delete(row.id);
    setSelected(next);
  };
  const allOnPage = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const someOnPage = rows.some((row) => selected.has(row.id));

  return (
    <Stack>
      <PageHeader
        title={archived ? t('common:menu.archiveOutgoing') : t('common:menu.outgoing')}
        intro={archived ? t('list.archiveIntro') : t('list.intro')}
        actions={
          archived ? null : (
            <Button component={Link} to="/outgoing/new" leftSection={<IconPlus size={18} />}>
              {t('list.new')}
            </Button>
          )
        }
      />
      <OutgoingFilters value={filter} onChange={changeFilter} />
      <SelectionToolbar
        archived={archived}
        selected={[...selected.values()]}
        onDone={() => setSelected(new Map())}
      />
      {query.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(query.error, t)}
        </Alert>
      ) : null}
      <Paper withBorder className="cds-table-wrap">
        <Table
          striped
          highlightOnHover
          stickyHeader
          miw={900}
          styles={TABLE_TEXT}
          data-testid="outgoing-table"
        >
          <Table.Thead style={{ whiteSpace: 'nowrap' }}>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('selection.page')}
                  checked={allOnPage}
                  indeterminate={someOnPage && !allOnPage}
                  onChange={(event) => {
                    const next = new Map(selected);
                    for (const row of rows) {
                      if (event.currentTarget.checked) next.set(row.id, row);
                      else next.delete(row.id);
                    }
                    setSelected(next);
                  }}
                />
              </Table.Th>
              <Table.Th>{t('field.description')}</Table.Th>
              <Table.Th>{t('field.to')}</Table.Th>
              <Table.Th>{SUBJECTS.title[lang]}</Table.Th>
              <Table.Th>{MESSAGE_TYPES.title[lang]}</Table.Th>
              <Table.Th>{PRIORITY_TABLE.title[lang]}</Table.Th>
              <Table.Th>{t('field.status')}</Table.Th>
              <Table.Th>{t('field.createdAt')}</Table.Th>
              <Table.Th>{t('field.sentAt')}</Table.Th>
              <Table.Th>{t('field.owner')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending ? (
              <Table.Tr>
                <Table.Td colSpan={COLUMNS}>
                  <Group justify="center" p="lg">
                    <Loader size="sm" />
                    <Text size="sm">{t('common:common.loading')}</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {query.isSuccess && rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={COLUMNS}>
                  <Text ta="center" c="dimmed" p="lg">
                    {t('list.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {rows.map((row) => (
              <Table.Tr
                key={row.id}
                data-id={row.id}
                bg={selected.has(row.id) ? 'var(--mantine-color-cds-0)' : undefined}
              >
                <Table.Td>
                  <Checkbox
                    aria-label={t('selection.row', { description: row.description })}
                    checked={selected.has(row.id)}
                    onChange={(event) => toggle(row, event.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td style={DESCRIPTION_CELL}>
                  <Anchor
                    renderRoot={(props) => <Link {...props} to="/outgoing/$id" params={{ id: row.id }} />}
                    size="sm"
                    fw={500}
                    lineClamp={2}
                    // Two lines at most in the list; the whole description on hover and in the message.
                    title={row.description}
                  >
                    {row.description}
                  </Anchor>
                  {row.encryptionLevel === 'CONFIDENTIAL' ? (
                    <Badge size="xs" color="red.9" variant="outline" mt={4}>
                      {label(ENCRYPTION_LEVEL_TABLE, row.encryptionLevel, lang)}
                    </Badge>
                  ) : null}
                  {row.lastError && (row.status === 'REJECTED' || row.status === 'SEND_FAIL') ? (
                    <Text size="xs" c="red.9" mt={4}>
                      {t(row.status === 'REJECTED' ? 'list.rejectedReason' : 'list.failedReason', {
                        reason: reasonText(row.lastError, lang, row.lastErrorDetails),
                      })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{row.to.map(party).join('、')}</Table.Td>
                <Table.Td>{label(SUBJECTS, row.subject, lang)}</Table.Td>
                <Table.Td>{label(MESSAGE_TYPES, row.type, lang)}</Table.Td>
                <Table.Td>
                  {row.priority === 'URGENT' ? (
                    <Text size="sm" c="red.9" fw={600} span>
                      {label(PRIORITY_TABLE, row.priority, lang)}
                    </Text>
                  ) : (
                    label(PRIORITY_TABLE, row.priority, lang)
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={row.status} />
                </Table.Td>
                <Table.Td>
                  <DateTimeText iso={row.createdAt} />
                </Table.Td>
                <Table.Td>
                  <DateTimeText iso={row.sentAt} />
                </Table.Td>
                <Table.Td>{row.owner}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group justify="flex-end">
        <Button
          variant="default"
          leftSection={<IconChevronLeft size={16} />}
          disabled={cursors.length <= 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t('list.previous')}
        </Button>
        <Button
          variant="default"
          rightSection={<IconChevronRight size={16} />}
          disabled={!query.data?.next}
          onClick={() => query.data?.next && setCursors([...cursors, query.data.next])}
        >
          {t('list.next')}
        </Button>
      </Group>
    </Stack>
  );
}
