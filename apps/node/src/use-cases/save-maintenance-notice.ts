import { AppError, validGroups, type MaintenanceNotice } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { maintenanceNotFound, noticeStoreOf } from './notice-facts.js';

export interface MaintenanceNoticeInput {
  readonly title: string;
  readonly body: string;
  readonly validFrom: number;
  readonly validTo: number;
  readonly groups: readonly string[];
  readonly dismissible: boolean;
}

/**
 * 維護通知: writes a notice administrators show at login between two times to some groups. With an
 * id it replaces that notice (its author and creation time stay); the change makes it show again
 * to users who had dismissed it.
 */
export async function saveMaintenanceNotice(
  services: NodeServices,
  input: MaintenanceNoticeInput,
  actor: string,
  id?: string,
): Promise<MaintenanceNotice> {
  if (input.validTo <= input.validFrom) throw new AppError('notice.invalid_period');
  const groups = validGroups(input.groups, services.config.nodeRole);
  const store = noticeStoreOf(services);
  const now = services.keys.clock.now();
  const existing = id === undefined ? null : await store.maintenanceNotice(id);
  if (id !== undefined && existing === null) throw maintenanceNotFound(id);
  const notice: MaintenanceNotice = {
    id: existing?.id ?? services.keys.ids.next(),
    title: input.title.trim(),
    body: input.body.trim(),
    validFrom: input.validFrom,
    validTo: input.validTo,
    groups,
    dismissible: input.dismissible,
    createdBy: existing?.createdBy ?? actor,
    createdAt: existing?.createdAt ?? now,
    // Strictly later than before, so even two saves in one millisecond re-show the notice.
    updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1),
  };
  await store.saveMaintenanceNotice(notice);
  return notice;
}
