import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addUser, groupsQuery, resetPassword, updateUser, type UserRow } from '../api/users';
import { errorText } from '../shell/errorText';

interface ModalProps {
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** One dialog shape: a form, the node's error in the user's language, cancel and confirm. */
function FormModal(props: {
  title: string;
  opened: boolean;
  onClose: () => void;
  submit: () => Promise<void>;
  submitLabel: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.submit();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="lg" centered>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Stack>
          {error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          ) : null}
          {props.children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function GroupChoice({ value, onChange }: { value: string[]; onChange: (groups: string[]) => void }) {
  const { t } = useTranslation();
  const groups = useQuery(groupsQuery);
  return (
    <Checkbox.Group label={t('users.groups')} value={value} onChange={onChange} withAsterisk>
      <Stack gap={6} mt={6}>
        {(groups.data ?? []).map((group) => (
          <Checkbox key={group.code} value={group.code} label={t(`groups.${group.code}`)} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

export function AddUserModal({ opened, onClose, onDone }: ModalProps & { opened: boolean }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [groups, setGroups] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const close = () => {
    setUsername('');
    setDisplayName('');
    setGroups([]);
    setPassword('');
    onClose();
  };
  return (
    <FormModal
      title={t('users.add')}
      opened={opened}
      onClose={close}
      submitLabel={t('users.add')}
      submit={async () => {
        if (groups.length === 0) throw new Error(t('users.groupsRequired'));
        const added = await addUser({ username, displayName, groups, password });
        close();
        onDone(t('users.added', { username: added.username }));
      }}
    >
      <TextInput
        label={t('users.username')}
        description={t('users.usernameHint')}
        value={username}
        onChange={(event) => setUsername(event.currentTarget.value)}
        autoComplete="off"
        required
      />
      <TextInput
        label={t('users.displayName')}
        value={displayName}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
      />
      <GroupChoice value={groups} onChange={setGroups} />
      <PasswordInput
        label={t('users.temporaryPassword')}
        description={t('users.temporaryHint')}
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        autoComplete="new-password"
        required
      />
    </FormModal>
  );
}

export function EditUserModal({ user, onClose, onDone }: ModalProps & { user: UserRow }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [groups, setGroups] = useState<string[]>([...user.groups]);
  return (
    <FormModal
      title={t('users.editTitle', { username: user.username })}
      opened
      onClose={onClose}
      submitLabel={t('common.save')}
      submit={async () => {
        if (groups.length === 0) throw new Error(t('users.groupsRequired'));
        await updateUser(user.username, { displayName, groups });
        onDone(t('users.saved', { username: user.username }));
      }}
    >
      <TextInput
        label={t('users.displayName')}
        value={displayName}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
      />
      <GroupChoice value={groups} onChange={setGroups} />
    </FormModal>
  );
}

export function ResetPasswordModal({ user, onClose, onDone }: ModalProps & { user: UserRow }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  return (
    <FormModal
      title={t('users.resetTitle', { username: user.username })}
      opened
      onClose={onClose}
      submitLabel={t('users.resetPassword')}
      submit={async () => {
        await resetPassword(user.username, password);
        onDone(t('users.resetDone', { username: user.username }));
      }}
    >
      <PasswordInput
        label={t('users.temporaryPassword')}
        description={t('users.temporaryHint')}
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        autoComplete="new-password"
        required
      />
    </FormModal>
  );
}
