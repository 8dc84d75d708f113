import type { NodeServices } from '../node-services.js';
import { maintenanceNotFound, noticeStoreOf } from './notice-facts.js';

/** 維護通知: removes a notice; dismissals of it lapse with it (domain `reconcileDismissals`). */
export async function deleteMaintenanceNotice(services: NodeServices, id: string): Promise<void> {
  if (!(await noticeStoreOf(services).deleteMaintenanceNotice(id))) throw maintenanceNotFound(id);
}
