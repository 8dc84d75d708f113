import { Alert, Paper, Stack, Text } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shell/PageHeader';

/** A menu function whose screen arrives in a later release: said plainly, never a blank page. */
export function PlaceholderPage({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t(`menu.${label}`)} />
      <Paper withBorder p="lg">
        <Alert variant="light" color="cds" icon={<IconTools size={18} />} title={t('placeholder.body')}>
          <Text size="sm">{t('placeholder.hint')}</Text>
        </Alert>
      </Paper>
    </Stack>
  );
}
