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
import { IconAlertCircle, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ENCRYPTION_LEVEL_TABLE, MESSAGE_TYPES, PRIORITY_TABLE, SUBJECTS, label } from '@cds/domain';
import { incomingPageQuery, type IncomingFilter, type IncomingRow } from '../../api/incoming';
import { DateTimeText } from '../../components/DateTimeText';
import { useLang } from '../../lib/useLang';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { IncomingFilters, NO_FILTER } from './IncomingFilters';
import { IncomingStatusBadge } from './IncomingStatusBadge';
import { SelectionToolbar } from './SelectionToolbar';

const COLUMNS = 9;

/** As 寄發訊息's list (OutgoingListPage.tsx): fits 1366 px, CJK labels never broken mid-word. */
// On each cell (styles.css gives every :lang(zh-HK) element word-break: normal, so inheriting would not do).
const TABLE_TEXT = { td: { wordBreak: 'keep-all' } } as const;
const DESCRIPTION_CELL = { minWidth: 220, width: '30%', wordBreak: 'normal' } as const;

/**
 * 接收訊息 (and, with `archived`, 已庫存接收訊息): unread messages in bold with the count in the
 * heading, search and filters, keyset pages (a stack of cursors, so 上一頁 is exact), and a
 * multi-selection the toolbar acts on.
 */
export function IncomingListPage({ archived = false }: { archived?: boolean }) {
  const { t } = useTranslation('incoming');
  const lang = useLang();
  const [filter, setFilter] = useState(NO_FILTER);
  const [debouncedText] = useDebouncedValue(filter.text, 300);
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const criteria: IncomingFilter = { ...filter, text: debouncedText, archived };
  const query = useQuery(incomingPageQuery(criteria, cursors[cursors.length - 1] ?? null));
  const rows = query.data?.items ?? [];
  const party = (code: string) => t(`common:party.agencyNames.${code}`, { defaultValue: code });

  const changeFilter = (next: typeof filter) => {
    setFilter(next);
    setCursors([null]);
    setSelected(new Set());
  };
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allOnPage = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const chosen: IncomingRow[] = rows.filter((row) => selected.has(row.id));

  return (
    <Stack>
      <PageHeader
        title={t(archived ? 'archiveTitle' : 'title')}
        intro={t(archived ? 'archiveIntro' : 'intro')}
        actions={
          query.data && !archived ? (
            <Badge
              size="lg"
              variant="filled"
              color={query.data.unread > 0 ? 'cds' : 'gray.7'}
              data-testid="unread-count"
            >
              {t('unreadCount', { count: query.data.unread })}
            </Badge>
          ) : null
        }
      />
      <IncomingFilters value={filter} onChange={changeFilter} />
      {query.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {errorText(query.error, t)}
        </Alert>
      ) : null}
      <SelectionToolbar archived={archived} selected={chosen} onDone={() => setSelected(new Set())} />
      <Paper withBorder className="cds-table-wrap">
        <Table highlightOnHover stickyHeader miw={900} styles={TABLE_TEXT} data-testid="incoming-table">
          <Table.Thead>
            <Table.Tr style={{ whiteSpace: 'nowrap' }}>
              <Table.Th w={44}>
                <Checkbox
                  aria-label={t('select.all')}
                  checked={allOnPage}
                  indeterminate={!allOnPage && rows.some((row) => selected.has(row.id))}
                  onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((row) => row.id)))}
                />
              </Table.Th>
              <Table.Th>{t('columns.description')}</Table.Th>
              <Table.Th>{t('columns.from')}</Table.Th>
              <Table.Th>{SUBJECTS.title[lang]}</Table.Th>
              <Table.Th>{MESSAGE_TYPES.title[lang]}</Table.Th>
              <Table.Th>{PRIORITY_TABLE.title[lang]}</Table.Th>
              {/* "Encryption level" in full would widen the column past its values. */}
              <Table.Th title={ENCRYPTION_LEVEL_TABLE.title[lang]}>{t('columns.level')}</Table.Th>
              <Table.Th>{t('columns.status')}</Table.Th>
              <Table.Th>{t('columns.receivedAt')}</Table.Th>
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
            {query.data && rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={COLUMNS}>
                  <Text ta="center" c="dimmed" p="lg">
                    {t(archived ? 'emptyArchive' : 'empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {rows.map((row) => (
              <Table.Tr
                key={row.id}
                data-unread={row.read ? undefined : 'true'}
                bg={selected.has(row.id) ? 'cds.0' : undefined}
              >
                <Table.Td>
                  <Checkbox
                    aria-label={t('select.row', { description: row.description })}
                    checked={selected.has(row.id)}
                    onChange={() => toggle(row.id)}
                  />
                </Table.Td>
                <Table.Td style={DESCRIPTION_CELL}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    {row.read ? null : (
                      <Badge size="xs" color="cds" variant="filled" mt={4} style={{ flexShrink: 0 }}>
                        {t('unreadMark')}
                      </Badge>
                    )}
                    <Anchor
                      size="sm"
                      fw={row.read ? 400 : 700}
                      style={{ overflowWrap: 'anywhere' }}
                      lineClamp={3}
                      // Three lines at most in the list; the whole description on hover and in the message.
                      title={row.description}
                      renderRoot={(props) => <Link {...props} to="/incoming/$id" params={{ id: row.id }} />}
                    >
                      {row.description}
                    </Anchor>
                  </Group>
                </Table.Td>
                <Table.Td fw={row.read ? undefined : 700}>{party(row.from)}</Table.Td>
                <Table.Td>{label(SUBJECTS, row.subject, lang)}</Table.Td>
                <Table.Td>{label(MESSAGE_TYPES, row.type, lang)}</Table.Td>
                <Table.Td>
                  {row.priority === 'URGENT' ? (
                    <Text size="sm" c="red.8" fw={600} span>
                      {label(PRIORITY_TABLE, row.priority, lang)}
                    </Text>
                  ) : (
                    label(PRIORITY_TABLE, row.priority, lang)
                  )}
                </Table.Td>
                <Table.Td>{label(ENCRYPTION_LEVEL_TABLE, row.encryptionLevel, lang)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <IncomingStatusBadge status={row.status} />
                </Table.Td>
                <Table.Td fw={row.read ? undefined : 700}>
                  <DateTimeText iso={row.receivedAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('paging.page', { page: cursors.length })}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconChevronLeft size={16} />}
            disabled={cursors.length <= 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            {t('paging.previous')}
          </Button>
          <Button
            variant="default"
            rightSection={<IconChevronRight size={16} />}
            disabled={!query.data?.next}
            onClick={() => setCursors((c) => [...c, query.data?.next ?? null])}
          >
            {t('paging.next')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
