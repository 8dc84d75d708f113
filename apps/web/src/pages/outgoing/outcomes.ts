import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { Outcome } from '../../api/outgoing';

/**
 * A multi-selection's result as notices: how many were done, and for the others the node's own
 * reasons (already in the user's language), each once. Returns how many were done.
 */
export function announceOutcomes(outcomes: readonly Outcome[], doneKey: string, t: TFunction): number {
  const ok = outcomes.filter((o) => o.ok).length;
  const reasons = [...new Set(outcomes.flatMap((o) => (o.ok ? [] : [o.error.message])))];
  if (ok > 0) notifications.show({ color: 'green', message: t(doneKey, { count: ok }) });
  if (reasons.length > 0) {
    notifications.show({
      color: 'red',
      autoClose: false,
      message: t('outgoing:outcome.failed', { count: outcomes.length - ok, reasons: reasons.join(' ') }),
    });
  }
  return ok;
}
