import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" p="md">
      <Paper withBorder p="xl" maw={520}>
        <Stack align="flex-start">
          <Title order={1} size="h3">
            {t('errors.notFoundTitle')}
          </Title>
          <Text>{t('errors.notFound')}</Text>
          <Button component={Link} to="/" variant="light">
            {t('common.backHome')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
