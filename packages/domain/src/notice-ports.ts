/**
 * What notifications (SPEC §6) read and keep on a node: the counts behind the count notices, each
 * user's dismissals (不再顯示) and the 維護通知 written by administrators.
 */
import type { Dismissal, MaintenanceNotice } from './notices.js';

export interface NoticeCounts {
  /** READY outgoing messages (有可輸出訊息). */
  readonly ready: number;
  /** Unread incoming messages not archived (有未讀取訊息). */
  readonly unread: number;
  /** SEND_FAIL outgoing messages not archived (有訊息輸送失敗). */
  readonly sendFail: number;
}

export interface NoticeStore {
  counts(): Promise<NoticeCounts>;
  dismissals(username: string): Promise<readonly Dismissal[]>;
  /** Insert or replace the user's dismissal of (kind, scope). */
  saveDismissal(username: string, dismissal: Dismissal, at: number): Promise<void>;
  removeDismissal(username: string, dismissal: Pick<Dismissal, 'kind' | 'scope'>): Promise<void>;
  maintenanceNotices(): Promise<readonly MaintenanceNotice[]>;
  maintenanceNotice(id: string): Promise<MaintenanceNotice | null>;
  /** Insert or replace by id. */
  saveMaintenanceNotice(notice: MaintenanceNotice): Promise<void>;
  /** False when there was none with that id. */
  deleteMaintenanceNotice(id: string): Promise<boolean>;
}
