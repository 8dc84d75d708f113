import { useEffect, useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Grid,
  List,
  NavLink,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconLink, IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { INCOMING_STATUS_TABLE, OUTGOING_STATUS_TABLE, type Right } from '@cds/domain';
import { useLang } from '../../lib/useLang';
import { PageHeader } from '../../shell/PageHeader';
import { useMe } from '../../shell/useMe';
import { HelpContacts } from './HelpContacts';

/** The sections in reading order; each menu function links to its screen for users who may open it. */
const SECTIONS: readonly { id: string; path?: string; right?: Right }[] = [
  { id: 'overview' },
  { id: 'outgoing', path: '/outgoing', right: 'cds.outgoing.own' },
  { id: 'incoming', path: '/incoming', right: 'cds.incoming.view' },
  { id: 'transmission', path: '/transmission', right: 'cds.transmission' },
  { id: 'exportImport', path: '/export', right: 'cds.exportImport' },
  { id: 'archive', path: '/archive/outgoing', right: 'cds.archive' },
  { id: 'reports', path: '/reports', right: 'cds.report' },
  { id: 'log', path: '/log', right: 'cds.log' },
  { id: 'key', path: '/key/change', right: 'cds.key' },
  { id: 'version', path: '/version', right: 'cds.version' },
  { id: 'registration', path: '/registration', right: 'cds.registration' },
  { id: 'settings', path: '/settings', right: 'cds.settings' },
  { id: 'users', path: '/users', right: 'admin.users' },
  { id: 'notifications' },
  { id: 'statuses' },
  { id: 'ex1' },
  { id: 'ex2' },
  { id: 'ex3' },
  { id: 'ex4' },
  { id: 'ex5' },
  { id: 'ex6' },
  { id: 'troubleshooting' },
  { id: 'contacts' },
];

function StatusTable({ box }: { box: 'outgoing' | 'incoming' }) {
  const { t } = useTranslation('notices');
  const lang = useLang();
  const table = box === 'outgoing' ? OUTGOING_STATUS_TABLE : INCOMING_STATUS_TABLE;
  return (
    <div className="cds-table-wrap">
      <Table withTableBorder miw={520} mt="xs" data-testid={`help-statuses-${box}`}>
        <Table.Caption>
          {t(box === 'outgoing' ? 'help.outgoingStatuses' : 'help.incomingStatuses')}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('help.statusCode')}</Table.Th>
            <Table.Th>{t('help.statusMeaning')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.entries.map((entry) => (
            <Table.Tr key={entry.code}>
              <Table.Td>
                <Badge variant="light" radius="sm">
                  {entry[lang]}
                </Badge>
              </Table.Td>
              <Table.Td>{t(`help.meaning.${box}.${entry.code}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/**
 * 說明 (SPEC §6): what each function does, the status names, the training exercises as steps,
 * troubleshooting and the help desks. Searchable; every section has its own link (`/help#help-ex1`).
 */
export function HelpPage() {
  const { t } = useTranslation('notices');
  const lang = useLang();
  const me = useMe();
  const [text, setText] = useState('');

  const sections = useMemo(
    () =>
      SECTIONS.map((section) => {
        const steps = t(`help.sections.${section.id}.steps`, { returnObjects: true, defaultValue: [] });
        return {
          ...section,
          title: t(`help.sections.${section.id}.title`),
          body: t(`help.sections.${section.id}.body`),
          steps: Array.isArray(steps) ? (steps as string[]) : [],
        };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, lang],
  );
  const needle = text.trim().toLowerCase();
  const shown = needle
    ? sections.filter((s) => [s.title, s.body, ...s.steps].join('\n').toLowerCase().includes(needle))
    : sections;

  // A link to a section (/help#help-ex3) scrolls to it once the page is drawn.
  useEffect(() => {
    const id = window.location.hash.slice(1);
    if (!id) return;
    // After the router's own scroll restoration, which runs once the page is drawn.
    const timer = setTimeout(() => document.getElementById(id)?.scrollIntoView(), 50);
    return () => clearTimeout(timer);
  }, []);

  return (
    <Stack gap="lg">
      <PageHeader title={t('help.title')} intro={t('help.intro')} />
      <TextInput
        label={t('help.search')}
        placeholder={t('help.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        maw={480}
        type="search"
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3 }} visibleFrom="md">
          <Paper
            withBorder
            p="xs"
            component="nav"
            aria-label={t('help.contents')}
            style={{ position: 'sticky', top: 80, maxHeight: 'calc(100vh - 100px)', overflowY: 'auto' }}
          >
            <Text size="xs" fw={700} c="dimmed" px="xs" pb={4}>
              {t('help.contents')}
            </Text>
            {shown.map((section) => (
              <NavLink key={section.id} href={`#help-${section.id}`} label={section.title} py={4} />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="md">
            {shown.length === 0 ? <Text c="dimmed">{t('help.noMatch', { text })}</Text> : null}
            {shown.map((section) => (
              <Paper
                key={section.id}
                withBorder
                p="lg"
                id={`help-${section.id}`}
                component="section"
                aria-labelledby={`help-${section.id}-title`}
                data-testid="help-section"
                // Clear of the fixed header when a link scrolls here.
                style={{ scrollMarginTop: 80 }}
              >
                <Title order={2} size="h4" c="cds.9" id={`help-${section.id}-title`}>
                  {section.title}{' '}
                  <Anchor
                    href={`#help-${section.id}`}
                    aria-label={`${t('help.copyLink')}：${section.title}`}
                    size="sm"
                  >
                    <IconLink size={14} aria-hidden />
                  </Anchor>
                </Title>
                <Text mt="xs" style={{ whiteSpace: 'pre-line' }}>
                  {section.body}
                </Text>
                {section.steps.length > 0 ? (
                  <>
                    <Text fw={600} size="sm" mt="sm">
                      {t('help.steps')}
                    </Text>
                    <List type="ordered" spacing={4} mt={4}>
                      {section.steps.map((step) => (
                        <List.Item key={step}>{step}</List.Item>
                      ))}
                    </List>
                  </>
                ) : null}
                {section.id === 'contacts' ? <HelpContacts /> : null}
                {section.id === 'statuses' ? (
                  <>
                    <StatusTable box="outgoing" />
                    <StatusTable box="incoming" />
                  </>
                ) : null}
                {section.path && section.right && me.rights.includes(section.right) ? (
                  <Anchor component={Link} to={section.path} size="sm" mt="sm" display="inline-block">
                    {t('help.open')}
                  </Anchor>
                ) : null}
              </Paper>
            ))}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
