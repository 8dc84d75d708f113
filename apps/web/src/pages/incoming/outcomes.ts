import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { Outcome } from '../../api/incoming';

/**
 * A multi-selection's result as one notice: how many were done, and for the others the node's own
 * reason (already in the user's language), each reason once.
 */
export function announceOutcomes(outcomes: readonly Outcome[], doneKey: string, t: TFunction): number {
  const ok = outcomes.filter((o) => o.ok).length;
  const reasons = [...new Set(outcomes.flatMap((o) => (o.ok ? [] : [o.error.message])))];
  if (ok > 0) notifications.show({ color: 'green', message: t(doneKey, { count: ok }) });
  if (reasons.length > 0) {
    notifications.show({
      color: 'red',
      autoClose: false,
      message: t('incoming:done.failed', { count: outcomes.length - ok, reasons: reasons.join(' ') }),
    });
  }
  return ok;
}
