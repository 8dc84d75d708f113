import { notifications, type NotificationData } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { Outcome } from '../../api/incoming';

/** A notice whose close button has a name (axe: button-name), in the user's language. */
export function notify(data: NotificationData, t: TFunction): void {
  notifications.show({ ...data, closeButtonProps: { 'aria-label': t('common:common.close') } });
}

/**
 * A multi-selection's result as one notice: how many were done, and for the others the node's own
 * reason (already in the user's language), each reason once.
 */
export function announceOutcomes(outcomes: readonly Outcome[], doneKey: string, t: TFunction): number {
  const ok = outcomes.filter((o) => o.ok).length;
  const reasons = [...new Set(outcomes.flatMap((o) => (o.ok ? [] : [o.error.message])))];
  if (ok > 0) notify({ color: 'green', message: t(doneKey, { count: ok }) }, t);
  if (reasons.length > 0) {
    notify(
      {
        color: 'red',
        autoClose: false,
        message: t('incoming:done.failed', { count: outcomes.length - ok, reasons: reasons.join(' ') }),
      },
      t,
    );
  }
  return ok;
}
