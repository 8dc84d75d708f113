import { Badge, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { visibleMenu } from '../lib/menu';
import { PageHeader } from '../shell/PageHeader';
import { usePartyLabel } from '../shell/PartyLabel';
import { useMe } from '../shell/useMe';

/** 主頁: who is logged in, for which party, and the functions this user can open. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const party = usePartyLabel(me.party, me.nodeRole);
  const functions = visibleMenu(me.rights, me.nodeRole).filter((entry) => entry.path !== '/');

  return (
    <Stack gap="lg">
      <PageHeader title={t('home.welcome', { name: me.displayName })} intro={t('home.intro')} />
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('home.signedInAs')}
            </Text>
            <Text fw={600}>
              {me.displayName}{' '}
              <Text span c="dimmed" size="sm">
                ({me.username})
              </Text>
            </Text>
            <Text size="sm">{party}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('home.groups')}
            </Text>
            <Group gap={6} mt={4}>
              {me.groups.map((group) => (
                <Badge key={group} variant="light" size="lg" radius="sm">
                  {t(`groups.${group}`)}
                </Badge>
              ))}
            </Group>
          </div>
        </SimpleGrid>
      </Paper>
      <Title order={2} size="h4">
        {t('home.functions')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {functions.map((entry) => {
          const Icon = entry.icon;
          return (
            <Card
              key={entry.label}
              component={Link}
              to={entry.path}
              withBorder
              padding="md"
              radius="md"
              style={{ textDecoration: 'none' }}
            >
              <Group wrap="nowrap" align="flex-start">
                <ThemeIcon size={40} radius="md" variant="light">
                  <Icon size={22} stroke={1.7} aria-hidden />
                </ThemeIcon>
                <Stack gap={2}>
                  <Text fw={600} c="cds.9">
                    {t(`menu.${entry.label}`)}
                  </Text>
                  {entry.children ? (
                    <Text size="sm" c="dimmed">
                      {entry.children.map((child) => t(`menu.${child.label}`)).join('、')}
                    </Text>
                  ) : null}
                </Stack>
              </Group>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
