import { useState } from 'react';
import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { confirmKey, unconfirmedKeysQuery, type UnconfirmedKey } from '../../api/operations';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { ErrorAlert, Loading, Mono } from './shared';

/**
 * The key holder types the fingerprint the other party read out by phone; the node confirms the key
 * only if it is the same (so a click alone never trusts a key the hub might have swapped).
 */
function ConfirmModal({ target, onClose }: { target: UnconfirmedKey; onClose: () => void }) {
  const { t } = useTranslation('operations');
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await confirmKey(target.party, typed);
      notifications.show({
        closeButtonProps: { 'aria-label': t('common:common.close') },
        color: 'green',
        message: t('unconfirmed.done', { party: target.party }),
      });
      await queryClient.invalidateQueries({ queryKey: unconfirmedKeysQuery.queryKey });
      onClose();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('unconfirmed.confirmTitle', { party: target.party })}
      size="lg"
      centered
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack>
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          ) : null}
          <Text size="sm">{t('unconfirmed.confirmIntro')}</Text>
          <Text size="sm">
            {t('unconfirmed.shown')}
            {t('colon')}
            <Mono>{target.fingerprint}</Mono>
          </Text>
          <TextInput
            label={t('unconfirmed.typed')}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            withAsterisk
            autoComplete="off"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={typed.trim() === ''}>
              {t('unconfirmed.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** 未核實的新密碼匙 (SPEC §2.3): keys not chained to the pinned one; nobody can seal to them until confirmed. */
export function UnconfirmedKeysPage() {
  const { t } = useTranslation('operations');
  const keys = useQuery(unconfirmedKeysQuery);
  const [target, setTarget] = useState<UnconfirmedKey | null>(null);
  return (
    <Stack>
      <PageHeader title={t('common:menu.keyUnconfirmed')} intro={t('unconfirmed.intro')} />
      <ErrorAlert error={keys.error} />
      {keys.isPending ? <Loading /> : null}
      {keys.data?.length === 0 ? <Text c="dimmed">{t('unconfirmed.none')}</Text> : null}
      {keys.data && keys.data.length > 0 ? (
        <Paper withBorder className="cds-table-wrap">
          <Table striped miw={860} data-testid="unconfirmed-keys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('unconfirmed.party')}</Table.Th>
                <Table.Th>{t('unconfirmed.fingerprint')}</Table.Th>
                <Table.Th>{t('unconfirmed.trusted')}</Table.Th>
                <Table.Th>{t('keys.validTo')}</Table.Th>
                <Table.Th>
                  <span className="skip-link">{t('common:common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((key) => (
                <Table.Tr key={key.kid}>
                  <Table.Td fw={600}>{key.party}</Table.Td>
                  <Table.Td>
                    <Mono>{key.fingerprint}</Mono>
                  </Table.Td>
                  <Table.Td>{key.trustedFingerprint ? <Mono>{key.trustedFingerprint}</Mono> : '—'}</Table.Td>
                  <Table.Td>{formatDateTime(key.validTo)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconShieldCheck size={16} />}
                      onClick={() => setTarget(key)}
                    >
                      {t('unconfirmed.confirm')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      {target ? <ConfirmModal target={target} onClose={() => setTarget(null)} /> : null}
    </Stack>
  );
}
