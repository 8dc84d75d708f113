import {
  activeNotices,
  alertsFor,
  pendingNotices,
  reconcileDismissals,
  rightsOf,
  type Notice,
  type NoticeAlert,
} from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { gatherNoticeFacts, noticeConfigOf, noticeStoreOf } from './notice-facts.js';

export interface NoticeUser {
  readonly username: string;
  readonly groups: readonly string[];
}

export interface UserNotices {
  /** What the login dialog lists: conditions that hold, for the user's groups, not dismissed. */
  readonly notices: readonly Notice[];
  /** Header icons: holding conditions the user has the right to deal with. */
  readonly alerts: readonly NoticeAlert[];
}

/**
 * 通知 for one user (SPEC §6). The user's dismissals follow the facts on the way: one whose
 * condition lapsed is dropped and one above the current count lowered, so a notice returns when
 * its count rises again (domain `reconcileDismissals`).
 */
export async function listNotices(services: NodeServices, user: NoticeUser): Promise<UserNotices> {
  const store = noticeStoreOf(services);
  const [facts, maintenance, config, dismissals] = await Promise.all([
    gatherNoticeFacts(services, store),
    store.maintenanceNotices(),
    noticeConfigOf(services),
    store.dismissals(user.username),
  ]);
  const active = activeNotices(facts, maintenance, config);
  const { drop, lower } = reconcileDismissals(dismissals, active);
  for (const dismissal of drop) await store.removeDismissal(user.username, dismissal);
  for (const dismissal of lower) await store.saveDismissal(user.username, dismissal, facts.now);
  const current = dismissals
    .filter((d) => !drop.includes(d))
    .map((d) => lower.find((l) => l.kind === d.kind && l.scope === d.scope) ?? d);
  return {
    notices: pendingNotices(user.groups, active, current),
    alerts: alertsFor(rightsOf(user.groups), active),
  };
}
