import type { ReactNode } from 'react';
import { Alert, Badge, Group, Loader, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconMinus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  ERROR_CATALOGUE,
  INCOMING_STATUS_TABLE,
  OUTGOING_STATUS_TABLE,
  formatErrorMessage,
  isCode,
  label,
  storedReasonText,
  type ErrorCode,
  type ErrorDetails,
} from '@cds/domain';
import type { Language } from '@cds/i18n';
import { useLang } from '../../lib/useLang';
import { errorText } from '../../shell/errorText';

/**
 * An error code the API gave without its details (a cycle's stop reason, a log line's code) in the
 * user's words: the catalogue's sentence with the blanks it cannot fill left out.
 */
export function reasonText(code: string | null, lang: Language): string {
  return code === null ? '' : storedReasonText(code, lang).trim();
}

/** An API reason (code + details) in the language shown now, not the one it was fetched in. */
export function reasonWithDetails(
  reason: { code: string; message: string; details?: Readonly<Record<string, unknown>> },
  lang: Language,
): string {
  if (!Object.hasOwn(ERROR_CATALOGUE, reason.code) || !reason.details) return reason.message;
  return formatErrorMessage(reason.code as ErrorCode, reason.details as ErrorDetails, lang);
}

/** What became of a message in a cycle: the status names users know, else the cycle's own words. */
export function useOutcomeLabel(): (state: string) => string {
  const { t } = useTranslation('operations');
  const lang = useLang();
  return (state) => {
    if (isCode(OUTGOING_STATUS_TABLE, state)) return label(OUTGOING_STATUS_TABLE, state, lang);
    if (isCode(INCOMING_STATUS_TABLE, state)) return label(INCOMING_STATUS_TABLE, state, lang);
    return t(`outcome.${state}`, { defaultValue: state });
  };
}

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
      {errorText(error, t)}
    </Alert>
  );
}

export function Loading() {
  return (
    <Group justify="center" p="lg">
      <Loader size="sm" />
    </Group>
  );
}

/** ✓ / ✗ / – with a text alternative (the checklist and the outcome columns). */
export function Mark({ state, label: text }: { state: 'ok' | 'failed' | 'none'; label: string }) {
  const colour = state === 'ok' ? 'green.8' : state === 'failed' ? 'red.8' : 'gray.6';
  const Icon = state === 'ok' ? IconCheck : state === 'failed' ? IconX : IconMinus;
  return (
    <ThemeIcon color={colour} variant="filled" radius="xl" size="md" aria-label={text} role="img">
      <Icon size={16} />
    </ThemeIcon>
  );
}

export function Mono({ children }: { children: ReactNode }) {
  return (
    <Text span ff="monospace" size="sm">
      {children}
    </Text>
  );
}

/** The light tints' own text is under 4.5:1 (even shade 9), so each tone carries its own dark text. */
const BADGE_TEXT: Readonly<Record<string, string>> = {
  green: '#1e5e2b',
  teal: '#06594a',
  orange: '#8a3a00',
  red: '#a51c1c',
  gray: '#343a40',
};

export function StateBadge({ colour, children }: { colour: string; children: ReactNode }) {
  return (
    <Badge
      color={colour}
      c={BADGE_TEXT[colour] ?? '#343a40'}
      variant="light"
      radius="sm"
      className="cds-state-badge"
    >
      {children}
    </Badge>
  );
}
