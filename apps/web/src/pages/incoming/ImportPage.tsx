import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconFileZip, IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  incomingMessageQuery,
  uploadBundle,
  type ImportOutcome,
  type ImportResult,
} from '../../api/incoming';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';

const OUTCOMES: readonly ImportOutcome[] = ['ENCRYPTED', 'duplicate', 'deleted', 'refused'];

/** A message of the bundle by its description once stored here (its id otherwise). */
function ImportedMessage({ id, linked }: { id: string; linked: boolean }) {
  const query = useQuery({ ...incomingMessageQuery(id), enabled: linked });
  if (!linked) return <Text size="sm">{id}</Text>;
  return (
    <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/incoming/$id" params={{ id }} />}>
      {query.data?.description ?? id}
    </Anchor>
  );
}

function Count({ value, label, testId }: { value: number; label: string; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xl" fw={700} c="cds.9">
        {value}
      </Text>
      <Text size="sm">{label}</Text>
    </Paper>
  );
}

/**
 * 匯入訊息 (SPEC §5): the zip the hub exported for this school when the network was down. The node
 * checks everything before it changes anything; a refused bundle shows the node's specific reason
 * and the store is as it was. Accepted: new 接收訊息 (已加密), duplicates stored once, and a delivery
 * receipt queued for each new message.
 */
export function ImportPage() {
  const { t } = useTranslation('incoming');
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setResult(null);
    if (!file.name.toLowerCase().endsWith('.zip')) {
      setError(t('import.wrongType'));
      return;
    }
    setBusy(true);
    try {
      setResult(await uploadBundle(file));
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ['incoming'] });
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const count = (outcome: ImportOutcome) => result?.messages.filter((m) => m.outcome === outcome).length ?? 0;

  return (
    <Stack>
      <PageHeader title={t('import.title')} intro={t('import.intro')} />
      <Paper
        withBorder
        p="md"
        component="form"
        onSubmit={(event: FormEvent) => void submit(event)}
        noValidate
      >
        <Group align="flex-end" gap="md" wrap="wrap">
          <FileInput
            label={t('import.file')}
            aria-label={t('import.fileAria')}
            description={t('import.fileHint')}
            placeholder={t('import.placeholder')}
            // Mantine's placeholder grey is below 4.5:1 on white (WCAG AA); the hint is needed here.
            styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            accept=".zip,application/zip"
            leftSection={<IconFileZip size={16} />}
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setError(null);
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('import.clear') }}
            w={{ base: '100%', sm: 420 }}
          />
          <Button type="submit" leftSection={<IconUpload size={16} />} loading={busy} disabled={!file}>
            {t('import.submit')}
          </Button>
        </Group>
      </Paper>
      {error ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle size={18} />}
          title={t('import.refusedTitle')}
          role="alert"
          data-testid="import-refused"
        >
          <Text size="sm">{error}</Text>
          <Text size="sm" mt={6}>
            {t('import.nothingChanged')}
          </Text>
        </Alert>
      ) : null}
      {result ? (
        <Paper
          withBorder
          p="md"
          component="section"
          aria-labelledby="import-result"
          data-testid="import-result"
        >
          <Group gap="xs" mb="sm">
            <IconCircleCheck size={22} color="var(--mantine-color-green-8)" aria-hidden />
            <Title order={2} size="h4" id="import-result">
              {t('import.resultTitle')}
            </Title>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
            <Count value={count('ENCRYPTED')} label={t('import.new')} testId="import-new" />
            <Count value={count('duplicate')} label={t('import.duplicate')} testId="import-duplicate" />
            <Count value={count('deleted')} label={t('import.deleted')} testId="import-deleted" />
            <Count value={count('refused')} label={t('import.refused')} testId="import-refusedBefore" />
          </SimpleGrid>
          <Text size="sm" mb="md">
            {t('import.receipts', { count: count('ENCRYPTED') })}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.description')}</Table.Th>
                <Table.Th>{t('columns.from')}</Table.Th>
                <Table.Th>{t('import.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...result.messages]
                .sort((a, b) => OUTCOMES.indexOf(a.outcome) - OUTCOMES.indexOf(b.outcome))
                .map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <ImportedMessage
                        id={m.id}
                        linked={m.outcome === 'ENCRYPTED' || m.outcome === 'duplicate'}
                      />
                    </Table.Td>
                    <Table.Td>{t(`common:party.agencyNames.${m.from}`, { defaultValue: m.from })}</Table.Td>
                    <Table.Td>{t(`import.outcomes.${m.outcome}`)}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
          <Group mt="md">
            <Button variant="light" renderRoot={(props) => <Link {...props} to="/incoming" />}>
              {t('import.open')}
            </Button>
          </Group>
        </Paper>
      ) : null}
    </Stack>
  );
}
