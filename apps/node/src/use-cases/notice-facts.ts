import {
  AppError,
  isAppError,
  parseNoticeConfig,
  type KeyFact,
  type NoticeConfig,
  type NoticeFacts,
  type NoticeStore,
} from '@cds/domain';
import { createNoticeStore } from '@cds/db';
import { showKeys } from '@cds/keys';
import type { NodeServices } from '../node-services.js';
import { registrationState } from './register-node.js';

/** The setting 維護通知 writes: per kind, the audience groups and whether it may be dismissed. */
export const NOTICE_CONFIG_SETTING = 'notices.config';

export function noticeStoreOf(services: NodeServices): NoticeStore {
  return createNoticeStore(services.database.db);
}

export async function noticeConfigOf(services: NodeServices): Promise<NoticeConfig> {
  return parseNoticeConfig(await services.repos.settings.get(NOTICE_CONFIG_SETTING));
}

/** The current key's validity from the public key file (no School Key needed); none yet = missing. */
async function keyFact(services: NodeServices): Promise<KeyFact> {
  try {
    const current = (await showKeys(services.keys)).keys[0];
    if (!current) return { state: 'missing' };
    const { validity } = current;
    if (validity.state === 'expired')
      return { state: 'expired', kid: current.kid, validTo: validity.validTo };
    if (validity.state === 'expiring') {
      return {
        state: 'expiring',
        kid: current.kid,
        daysLeft: validity.daysLeft,
        threshold: validity.threshold,
      };
    }
    return { state: 'valid' };
  } catch (error) {
    if (isAppError(error) && error.code === 'key.keyring_missing') return { state: 'missing' };
    throw error;
  }
}

/** Everything the notice rules look at, read from the node's database, key files and settings. */
export async function gatherNoticeFacts(services: NodeServices, store: NoticeStore): Promise<NoticeFacts> {
  const now = services.keys.clock.now();
  const [counts, key, registration, lockedUntil] = await Promise.all([
    store.counts(),
    keyFact(services),
    registrationState(services),
    services.repos.schoolKeyGuard.lockedUntil(),
  ]);
  return { now, ...counts, key, registered: registration !== null, keyLockedUntil: lockedUntil };
}

export function maintenanceNotFound(id: string): AppError {
  return new AppError('notice.maintenance_not_found', { id });
}
