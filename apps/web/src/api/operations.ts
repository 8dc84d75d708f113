import { queryOptions } from '@tanstack/react-query';
import { api } from './client';

/** The operations screens' API: 傳送, 聯遞系統紀錄, 學校密碼匙管理, 系統註冊, 版本, 設定 (ISO 8601 UTC times). */

export interface MessageProgress {
  readonly messageId: string;
  readonly step: string;
  readonly state: string;
  readonly party: string | null;
  readonly reason: string | null;
  readonly at: string;
}

export interface CycleRun {
  readonly id: string;
  readonly trigger: 'adhoc' | 'scheduled';
  readonly actor: string;
  readonly state: 'running' | 'completed' | 'stopped' | 'failed';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly stoppedBy: string | null;
  readonly totals: Readonly<Record<string, number>>;
  readonly messages: readonly MessageProgress[];
}

export interface TransmissionsView {
  readonly running: { readonly holder: string; readonly expiresAt: string } | null;
  readonly runs: readonly CycleRun[];
}

export const transmissionsQuery = queryOptions({
  queryKey: ['transmissions'],
  queryFn: () => api<TransmissionsView>('/api/transmissions'),
});
export const transmissionRunQuery = (id: string) =>
  queryOptions({ queryKey: ['transmissions', id], queryFn: () => api<CycleRun>(`/api/transmissions/${id}`) });
export const startTransmission = () => api<{ run: CycleRun }>('/api/transmissions', { method: 'POST' });

export type Schedule =
  | { readonly mode: 'off' }
  | { readonly mode: 'daily'; readonly times: readonly string[]; readonly weekdays: readonly string[] }
  | { readonly mode: 'interval'; readonly intervalSeconds: number };

export interface ScheduleView {
  readonly schedule: Schedule;
  readonly source: 'default' | 'set';
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  readonly nextRunAt: string | null;
}
export const scheduleQuery = queryOptions({
  queryKey: ['schedule'],
  queryFn: () => api<ScheduleView>('/api/schedule'),
});
export const saveSchedule = (schedule: Schedule) =>
  api<ScheduleView>('/api/schedule', { method: 'PUT', body: schedule });

export interface LogDay {
  readonly date: string;
  readonly file: string;
  readonly size: number;
}
export interface LogEntry {
  readonly at: number;
  readonly cycleId: string;
  readonly action: string;
  readonly messageId: string | null;
  readonly result: string;
  readonly code: string | null;
  readonly detail: string | null;
}
export interface LogLine {
  readonly date?: string;
  readonly line: number;
  readonly text: string;
  readonly entry: LogEntry | null;
}
export const logDaysQuery = queryOptions({
  queryKey: ['logs'],
  queryFn: () => api<{ days: readonly LogDay[] }>('/api/logs'),
});
export const logDayQuery = (date: string) =>
  queryOptions({
    queryKey: ['logs', date],
    queryFn: () => api<{ date: string; lines: LogLine[]; next: number | null }>(`/api/logs/${date}`),
  });
export const logSearchQuery = (text: string) =>
  queryOptions({
    queryKey: ['logs', 'search', text],
    queryFn: () =>
      api<{ matches: LogLine[]; truncated: boolean }>(
        `/api/logs/search?${new URLSearchParams({ text }).toString()}`,
      ),
  });

export interface KeyRow {
  readonly kid: string;
  readonly fingerprint: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly current: boolean;
  readonly recovery: boolean;
  readonly validity: { readonly state: string; readonly daysLeft?: number };
  readonly publication: 'published' | 'next_cycle' | 'needs_code' | 'not_registered';
}
export interface KeysView {
  readonly party: string;
  readonly registered: boolean;
  readonly minLength: number;
  readonly keys: readonly KeyRow[];
}
export const keysQuery = queryOptions({ queryKey: ['keys'], queryFn: () => api<KeysView>('/api/keys') });
export const changeSchoolKey = (body: {
  current?: string;
  next: string;
  confirmation: string;
  reason?: string;
  recover?: boolean;
}) =>
  api<{ publication: string; key: { kid: string; fingerprint: string; validFrom: string; validTo: string } }>(
    '/api/keys/change',
    { method: 'POST', body },
  );
export const publishKeys = (code?: string) =>
  api<{
    published: ReadonlyArray<{ kid: string; fingerprint: string; recovery: boolean }>;
    awaitingApproval: readonly string[];
  }>('/api/keys/publish', { method: 'POST', body: code ? { code } : {} });

export interface KeyChangeRow {
  readonly id: string;
  readonly at: string;
  readonly user: string;
  readonly kid: string;
  readonly fingerprint: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly reason: string;
}
export const keyHistoryQuery = queryOptions({
  queryKey: ['keys', 'history'],
  queryFn: () => api<KeyChangeRow[]>('/api/keys/history'),
});

export interface UnconfirmedKey {
  readonly party: string;
  readonly kid: string;
  readonly fingerprint: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly trustedFingerprint: string | null;
}
export const unconfirmedKeysQuery = queryOptions({
  queryKey: ['directory', 'unconfirmed'],
  queryFn: () => api<UnconfirmedKey[]>('/api/directory/unconfirmed'),
});
export const confirmKey = (party: string, fingerprint: string) =>
  api<void>('/api/directory/confirm', { method: 'POST', body: { party, fingerprint } });

export interface ApiReason {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
export interface RegistrationView {
  readonly party: string;
  readonly registration: { registeredAt: string; hubFingerprint: string; kid: string } | null;
  readonly ownKey: { kid: string; fingerprint: string } | null;
  readonly expectedHubFingerprint: string | null;
  readonly hub: { fingerprint: string; matches: boolean | null } | { error: ApiReason };
}
export const registrationQuery = queryOptions({
  queryKey: ['registration'],
  queryFn: () => api<RegistrationView>('/api/registration'),
});
export const register = (code: string) =>
  api<{ registeredAt: string; hubFingerprint: string; kid: string; directoryEntries: number }>(
    '/api/registration',
    { method: 'POST', body: { code } },
  );

export interface VersionView {
  readonly version: string;
  readonly upgradedAt: string;
  readonly reportedAt: string | null;
}
export const versionQuery = queryOptions({
  queryKey: ['version'],
  queryFn: () => api<VersionView>('/api/version'),
});
export const createVersionMessage = () =>
  api<{ id: string; status: string; description: string; createdAt: string }>('/api/version/message', {
    method: 'POST',
  });

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
}
export interface HubSettings {
  readonly urls: readonly string[];
  readonly retry: RetryPolicy;
  readonly source: 'config' | 'set';
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  readonly hubKeyFingerprint: string | null;
  readonly hubKeyPinned: boolean;
  readonly limits: {
    readonly urls: number;
    readonly attempts: { min: number; max: number };
    readonly baseDelayMs: { min: number; max: number };
  };
}
export const hubSettingsQuery = queryOptions({
  queryKey: ['settings', 'hub'],
  queryFn: () => api<HubSettings>('/api/settings/hub'),
});
export const saveHubSettings = (body: { urls: string[]; retry: RetryPolicy }) =>
  api<HubSettings>('/api/settings/hub', { method: 'PUT', body });

export interface ConnectionStep {
  readonly step: 'dns' | 'tcp' | 'tls' | 'http' | 'signature' | 'clock';
  readonly state: 'ok' | 'failed' | 'skipped' | 'not_applicable';
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
  readonly error: (ApiReason & { details: Record<string, unknown> }) | null;
}
export interface HubUrlCheck {
  readonly url: string;
  readonly ok: boolean;
  readonly steps: readonly ConnectionStep[];
}
export const testHubConnection = (urls: string[]) =>
  api<{ checks: HubUrlCheck[] }>('/api/settings/hub/test', { method: 'POST', body: { urls } });
