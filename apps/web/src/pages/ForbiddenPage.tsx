import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={560}>
      <Stack align="flex-start">
        <IconLock size={36} aria-hidden />
        <Title order={1} size="h3">
          {t('errors.forbiddenTitle')}
        </Title>
        <Text>{t('errors.forbidden')}</Text>
        <Button component={Link} to="/" variant="light">
          {t('common.backHome')}
        </Button>
      </Stack>
    </Paper>
  );
}
