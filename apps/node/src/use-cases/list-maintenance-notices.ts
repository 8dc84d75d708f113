import type { MaintenanceNotice } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { noticeStoreOf } from './notice-facts.js';

/** 維護通知: every notice written, newest period first (past and future ones too). */
export async function listMaintenanceNotices(services: NodeServices): Promise<readonly MaintenanceNotice[]> {
  return noticeStoreOf(services).maintenanceNotices();
}
