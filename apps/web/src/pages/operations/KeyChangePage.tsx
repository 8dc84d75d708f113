import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  List,
  Paper,
  PasswordInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconKey, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changeSchoolKey, keysQuery, publishKeys, type KeyRow } from '../../api/operations';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/useLang';
import { PageHeader } from '../../shell/PageHeader';
import { errorText } from '../../shell/errorText';
import { ErrorAlert, Loading, Mono, StateBadge, reasonText } from './shared';

const VALIDITY_COLOUR: Record<string, string> = {
  valid: 'green',
  expiring: 'orange',
  expired: 'red',
  not_yet_valid: 'gray',
};
const PUBLICATION_COLOUR: Record<KeyRow['publication'], string> = {
  published: 'green',
  next_cycle: 'orange',
  needs_code: 'red',
  not_registered: 'gray',
};

/** The rules of packages/keys/school-key-policy.ts, shown while typing (the node checks them again). */
function strengthRules(candidate: string, minLength: number) {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((rule) => rule.test(candidate)).length;
  return [
    { key: 'length', ok: [...candidate].length >= minLength },
    { key: 'different', ok: new Set(candidate).size >= 4 },
    { key: 'mix', ok: classes >= 2 || [...candidate].some((char) => char.charCodeAt(0) > 0x7f) },
    { key: 'spaces', ok: candidate !== '' && candidate.trim() === candidate },
  ];
}

function KeysTable({ keys }: { keys: readonly KeyRow[] }) {
  const { t } = useTranslation('operations');
  return (
    <div className="cds-table-wrap">
      <Table striped miw={820} data-testid="school-keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('keys.key')}</Table.Th>
            <Table.Th>{t('keys.fingerprint')}</Table.Th>
            <Table.Th>{t('keys.validFrom')}</Table.Th>
            <Table.Th>{t('keys.validTo')}</Table.Th>
            <Table.Th>{t('keys.validity')}</Table.Th>
            <Table.Th>{t('keys.publication')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.kid} data-kid={key.kid}>
              <Table.Td>{key.current ? t('keys.current') : t('keys.previous')}</Table.Td>
              <Table.Td>
                <Mono>{key.fingerprint}</Mono>
              </Table.Td>
              <Table.Td>{formatDateTime(key.validFrom)}</Table.Td>
              <Table.Td>{formatDateTime(key.validTo)}</Table.Td>
              <Table.Td>
                <StateBadge colour={VALIDITY_COLOUR[key.validity.state] ?? 'gray'}>
                  {t(`keys.state.${key.validity.state}`, { days: key.validity.daysLeft ?? 0 })}
                </StateBadge>
              </Table.Td>
              <Table.Td>
                <StateBadge colour={PUBLICATION_COLOUR[key.publication]}>
                  {t(`keys.published.${key.publication}`)}
                </StateBadge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** 以核准碼提交: a recovered key is published only with the hub operator's one-time approval code. */
function RecoveryCode() {
  const { t } = useTranslation('operations');
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await publishKeys(code.trim() || undefined);
      notifications.show({
        closeButtonProps: { 'aria-label': t('common:common.close') },
        color: 'green',
        message: result.published.length > 0 ? t('keys.submitted') : t('keys.nothingSubmitted'),
      });
      setCode('');
      await queryClient.invalidateQueries({ queryKey: keysQuery.queryKey });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="lg" maw={760}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack>
          <Title order={2} size="h4">
            {t('keys.submitTitle')}
          </Title>
          <Text size="sm">{t('keys.submitIntro')}</Text>
          <ErrorAlert error={error} />
          <TextInput
            label={t('keys.approvalCode')}
            description={t('keys.approvalCodeHint')}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            placeholder="XXXXX-XXXXX-XXXXX-XXXXX"
            maw={360}
          />
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={busy}>
              {t('keys.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** 更改學校密碼匙: the key pairs with their validity, the change (or recovery) form, submission to EDB. */
export function KeyChangePage() {
  const { t } = useTranslation('operations');
  const lang = useLang();
  const queryClient = useQueryClient();
  const keys = useQuery(keysQuery);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [reason, setReason] = useState('');
  const [recover, setRecover] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ fingerprint: string; validTo: string; publication: string } | null>(
    null,
  );
  const minLength = keys.data?.minLength ?? 12;
  const rules = strengthRules(next, minLength);
  const matches = next !== '' && next === confirmation;

  const submit = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await changeSchoolKey({
        ...(current ? { current } : {}),
        next,
        confirmation,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(recover ? { recover: true } : {}),
      });
      setDone({ ...result.key, publication: result.publication });
      setCurrent('');
      setNext('');
      setConfirmation('');
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['keys'] });
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const publication = (code: string) =>
    ['published', 'needs_code', 'not_registered', 'next_cycle'].includes(code)
      ? t(`keys.after.${code}`)
      : t('keys.after.failed', { reason: reasonText(code, lang) });

  return (
    <Stack>
      <PageHeader title={t('common:menu.keyChange')} intro={t('keys.intro')} />
      <ErrorAlert error={keys.error} />
      {keys.isPending ? <Loading /> : null}
      {keys.data ? <KeysTable keys={keys.data.keys} /> : null}
      {done ? (
        <Alert color="green" variant="light" icon={<IconCheck size={18} />} role="status">
          <Stack gap={4}>
            <Text fw={700} size="sm">
              {t('keys.changed')}
            </Text>
            <Text size="sm">
              {t('keys.newFingerprint')}
              {t('colon')}
              <Mono>{done.fingerprint}</Mono>
            </Text>
            <Text size="sm">{t('keys.validUntil', { time: formatDateTime(done.validTo) })}</Text>
            <Text size="sm">{publication(done.publication)}</Text>
          </Stack>
        </Alert>
      ) : null}
      <Paper withBorder p="lg" maw={760}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
          noValidate
        >
          <Stack>
            <Title order={2} size="h4">
              {t('keys.changeTitle')}
            </Title>
            {error ? (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            ) : null}
            <PasswordInput
              label={t('keys.currentKey')}
              description={recover ? t('keys.currentKeyRecover') : undefined}
              value={current}
              onChange={(event) => setCurrent(event.currentTarget.value)}
              withAsterisk={!recover}
              autoComplete="off"
            />
            <PasswordInput
              label={t('keys.newKey')}
              value={next}
              onChange={(event) => setNext(event.currentTarget.value)}
              withAsterisk
              autoComplete="new-password"
            />
            <List spacing={2} size="sm" aria-label={t('keys.rulesLabel')} data-testid="strength-rules">
              {rules.map((rule) => (
                <List.Item
                  key={rule.key}
                  icon={
                    rule.ok ? <IconCheck size={16} color="#2b8a3e" /> : <IconX size={16} color="#c92a2a" />
                  }
                >
                  {t(`keys.rule.${rule.key}`, { min: minLength })}
                  <span className="skip-link">{rule.ok ? t('keys.ruleMet') : t('keys.ruleNotMet')}</span>
                </List.Item>
              ))}
            </List>
            <PasswordInput
              label={t('keys.confirmKey')}
              value={confirmation}
              onChange={(event) => setConfirmation(event.currentTarget.value)}
              withAsterisk
              autoComplete="new-password"
              error={confirmation !== '' && !matches ? t('keys.mismatch') : undefined}
            />
            <TextInput
              label={t('keys.reason')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              maxLength={200}
            />
            <Switch
              checked={recover}
              onChange={(event) => setRecover(event.currentTarget.checked)}
              label={t('keys.recover')}
              description={t('keys.recoverHint')}
            />
            <Text size="sm" c="dimmed">
              {t('keys.rollover')}
            </Text>
            <Group justify="flex-end">
              <Button
                type="submit"
                leftSection={<IconKey size={18} />}
                loading={busy}
                disabled={!matches || rules.some((rule) => !rule.ok) || (!recover && current === '')}
              >
                {t('keys.change')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <RecoveryCode />
    </Stack>
  );
}
