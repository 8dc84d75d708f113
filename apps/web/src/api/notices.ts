import { queryOptions } from '@tanstack/react-query';
import { api } from './client';

/** Kinds the node computes (SPEC §6), most urgent first; `maintenance` is 維護通知 written by people. */
export const SYSTEM_NOTICE_KINDS = [
  'not_registered',
  'key_expired',
  'key_locked',
  'send_fail',
  'key_expiring',
  'ready',
  'unread',
] as const;
export type SystemNoticeKind = (typeof SYSTEM_NOTICE_KINDS)[number];
export type NoticeKind = SystemNoticeKind | 'maintenance';

export interface NoticeItem {
  readonly id: string;
  readonly kind: NoticeKind;
  readonly dismissible: boolean;
  readonly value: number | null;
  readonly title?: string;
  readonly body?: string;
  readonly validTo?: string;
}

export interface NoticeAlert {
  readonly kind: SystemNoticeKind;
  readonly value: number | null;
  readonly link: string;
}

export interface UserNotices {
  readonly notices: readonly NoticeItem[];
  readonly alerts: readonly NoticeAlert[];
}

export const noticesQuery = queryOptions({
  queryKey: ['notices'],
  queryFn: () => api<UserNotices>('/api/notices'),
  staleTime: 30_000,
  refetchInterval: 120_000,
});

export const dismissNotice = (id: string) =>
  api<void>('/api/notices/dismissals', { method: 'POST', body: { id } });

export interface KindSetting {
  readonly groups: readonly string[];
  readonly dismissible: boolean;
}
export type NoticeConfig = Readonly<Record<SystemNoticeKind, KindSetting>>;

export interface NoticeConfigView {
  readonly config: NoticeConfig;
  readonly groups: readonly string[];
  readonly neverDismissible: readonly SystemNoticeKind[];
}

export const noticeConfigQuery = queryOptions({
  queryKey: ['notices', 'config'],
  queryFn: () => api<NoticeConfigView>('/api/notices/config'),
});

export const saveNoticeConfig = (config: NoticeConfig) =>
  api<{ config: NoticeConfig }>('/api/notices/config', { method: 'PUT', body: config });

export interface MaintenanceNotice {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly groups: readonly string[];
  readonly dismissible: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type MaintenanceInput = Pick<
  MaintenanceNotice,
  'title' | 'body' | 'validFrom' | 'validTo' | 'groups' | 'dismissible'
>;

export const maintenanceQuery = queryOptions({
  queryKey: ['notices', 'maintenance'],
  queryFn: () => api<MaintenanceNotice[]>('/api/notices/maintenance'),
});

export const createMaintenance = (input: MaintenanceInput) =>
  api<MaintenanceNotice>('/api/notices/maintenance', { method: 'POST', body: input });

export const updateMaintenance = (id: string, input: MaintenanceInput) =>
  api<MaintenanceNotice>(`/api/notices/maintenance/${encodeURIComponent(id)}`, {
    method: 'PUT',
    body: input,
  });

export const deleteMaintenance = (id: string) =>
  api<void>(`/api/notices/maintenance/${encodeURIComponent(id)}`, { method: 'DELETE' });

export interface ReportInfo {
  readonly slug: string;
  readonly title: { readonly 'zh-HK': string; readonly en: string };
  readonly kind: 'list' | 'summary';
  readonly box: 'outgoing' | 'incoming' | null;
}

export interface ReportsView {
  /** The `party.name` setting printed in report headers, or null (the code is printed). */
  readonly partyName: string | null;
  readonly reports: readonly ReportInfo[];
}

export const reportsQuery = queryOptions({
  queryKey: ['reports'],
  queryFn: () => api<ReportsView>('/api/reports'),
  staleTime: Number.POSITIVE_INFINITY,
});

export interface HelpInfo {
  readonly contacts: { readonly websams: string; readonly cds: string };
  readonly agencies: readonly {
    readonly party: string;
    readonly fingerprint: string;
    readonly validTo: string;
    readonly trust: 'first' | 'chained' | 'confirmed' | 'unconfirmed';
  }[];
}

export const helpInfoQuery = queryOptions({
  queryKey: ['help'],
  queryFn: () => api<HelpInfo>('/api/help'),
});

/** The CDS help desk number as set in 設定, read without a session for the login page. */
export const helpDeskQuery = queryOptions({
  queryKey: ['help-desk'],
  queryFn: () => api<{ readonly cds: string }>('/api/help/desk'),
  staleTime: 5 * 60_000,
});

export const saveHelpContacts = (contacts: HelpInfo['contacts']) =>
  api<{ contacts: HelpInfo['contacts'] }>('/api/help/contacts', { method: 'PUT', body: contacts });
