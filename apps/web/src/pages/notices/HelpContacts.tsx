import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { helpDeskQuery, helpInfoQuery, saveHelpContacts, type HelpInfo } from '../../api/notices';
import { formatDateTime } from '../../lib/format';
import { errorText } from '../../shell/errorText';
import { useMe } from '../../shell/useMe';

function ContactsForm({ contacts }: { contacts: HelpInfo['contacts'] }) {
  const { t } = useTranslation('notices');
  const queryClient = useQueryClient();
  const [websams, setWebsams] = useState(contacts.websams);
  const [cds, setCds] = useState(contacts.cds);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await saveHelpContacts({ websams, cds });
      await queryClient.invalidateQueries({ queryKey: helpInfoQuery.queryKey });
      // The login page shows the CDS number too: the next one shown is this one.
      await queryClient.invalidateQueries({ queryKey: helpDeskQuery.queryKey });
      notifications.show({
        color: 'green',
        message: t('help.contactsSaved'),
        closeButtonProps: { 'aria-label': t('common:common.close') },
      });
    } catch (failure) {
      setError(errorText(failure, t));
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="xs" mt="sm">
        <Text size="sm" fw={600}>
          {t('help.editContacts')}
        </Text>
        {error ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {error}
          </Alert>
        ) : null}
        <Group align="flex-end">
          <TextInput
            label={t('help.deskWebsams')}
            value={websams}
            onChange={(e) => setWebsams(e.currentTarget.value)}
          />
          <TextInput label={t('help.deskCds')} value={cds} onChange={(e) => setCds(e.currentTarget.value)} />
          <Button type="submit" variant="light">
            {t('help.saveContacts')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** 說明's help desks (configurable in 設定) and the agencies' key fingerprints (SPEC §6). */
export function HelpContacts() {
  const { t } = useTranslation('notices');
  const me = useMe();
  const { data } = useQuery(helpInfoQuery);
  if (!data) return null;
  return (
    <Stack gap="sm" mt="md">
      <Title order={3} size="h5">
        {t('help.desks')}
      </Title>
      <Table withTableBorder maw={560} data-testid="help-desks">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('help.deskWebsams')}</Table.Th>
            <Table.Td>{data.contacts.websams}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('help.deskCds')}</Table.Th>
            <Table.Td>{data.contacts.cds}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {me.rights.includes('cds.settings') ? (
        <ContactsForm key={JSON.stringify(data.contacts)} contacts={data.contacts} />
      ) : null}
      <Title order={3} size="h5" mt="sm">
        {t('help.fingerprints')}
      </Title>
      {data.agencies.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('help.noAgencies')}
        </Text>
      ) : (
        <div className="cds-table-wrap">
          <Table withTableBorder miw={640} data-testid="help-fingerprints">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('help.party')}</Table.Th>
                <Table.Th>{t('help.fingerprint')}</Table.Th>
                <Table.Th>{t('help.validTo')}</Table.Th>
                <Table.Th>{t('help.trustState')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.agencies.map((agency) => (
                <Table.Tr key={agency.party}>
                  <Table.Td>
                    {t(`common:party.agencyNames.${agency.party}`, { defaultValue: agency.party })}（
                    {agency.party}）
                  </Table.Td>
                  <Table.Td>
                    <Code style={{ wordBreak: 'break-all' }}>{agency.fingerprint}</Code>
                  </Table.Td>
                  <Table.Td>{formatDateTime(agency.validTo)}</Table.Td>
                  <Table.Td>{t(`help.trust.${agency.trust}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}
