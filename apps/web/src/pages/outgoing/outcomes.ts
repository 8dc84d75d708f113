import type { TFunction } from 'i18next';
import type { Outcome } from '../../api/outgoing';
import { notify } from './notify';

/**
 * A multi-selection's result as notices: how many were done, and for the others the node's own
 * reasons (already in the user's language), each once. Returns how many were done.
 */
export function announceOutcomes(outcomes: readonly Outcome[], doneKey: string, t: TFunction): number {
  const ok = outcomes.filter((o) => o.ok).length;
  const reasons = [...new Set(outcomes.flatMap((o) => (o.ok ? [] : [o.error.message])))];
  if (ok > 0) notify('green', t(doneKey, { count: ok }));
  if (reasons.length > 0) {
    notify('red', t('outgoing:outcome.failed', { count: outcomes.length - ok, reasons: reasons.join(' ') }));
  }
  return ok;
}
