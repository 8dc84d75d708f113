import { activeNotices, dismissalOf, pendingNotices } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import type { NoticeUser } from './list-notices.js';
import { gatherNoticeFacts, noticeConfigOf, noticeStoreOf } from './notice-facts.js';

/**
 * 不再顯示 (SPEC §6): records that this user dismissed this occurrence of a notice they are shown,
 * at its current level. A notice the user is not shown, or one that may not be dismissed, is
 * refused and nothing is stored.
 */
export async function dismissNotice(
  services: NodeServices,
  user: NoticeUser,
  noticeId: string,
): Promise<void> {
  const store = noticeStoreOf(services);
  const [facts, maintenance, config] = await Promise.all([
    gatherNoticeFacts(services, store),
    store.maintenanceNotices(),
    noticeConfigOf(services),
  ]);
  const visible = pendingNotices(user.groups, activeNotices(facts, maintenance, config), []);
  const dismissal = dismissalOf(noticeId, visible);
  await store.saveDismissal(user.username, dismissal, facts.now);
}
