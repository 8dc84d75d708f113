import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

/** Every page starts the same way: its menu name as the heading, one line on what it is for. */
export function PageHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro?: string;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap">
      <Stack gap={4}>
        <Title order={1} size="h2" c="cds.9">
          {title}
        </Title>
        {intro ? (
          <Text c="dimmed" size="sm" maw={760}>
            {intro}
          </Text>
        ) : null}
      </Stack>
      {actions}
    </Group>
  );
}
