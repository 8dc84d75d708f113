import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { IncomingAction } from '@cds/domain';
import { currentLanguage } from '../lib/i18n';
import { ApiError, NetworkError, api } from './client';

/** One 接收訊息 as GET /api/messages/incoming lists it (ISO 8601 UTC times). */
export interface IncomingRow {
  readonly id: string;
  readonly subject: string;
  readonly type: string;
  readonly priority: string;
  readonly encryptionLevel: string;
  readonly description: string;
  readonly schoolReference: string | null;
  readonly replyDeadline: string | null;
  readonly replyTo: string | null;
  readonly status: string;
  readonly from: string;
  readonly receivedAt: string;
  readonly read: boolean;
  readonly decryptedBy: string | null;
  readonly decryptedAt: string | null;
  readonly importedBy: string | null;
  readonly importedAt: string | null;
  readonly importResult: string | null;
  readonly businessState: string | null;
  readonly lastError: string | null;
  /** What the failure came with, to word it; null for none. */
  readonly lastErrorDetails?: Readonly<Record<string, unknown>> | null;
  readonly archived: boolean;
  readonly acknowledgedAt: string | null;
  readonly payload: { readonly size: number; readonly sha256: string } | null;
}

export interface IncomingPage {
  readonly items: readonly IncomingRow[];
  readonly next: string | null;
  readonly unread: number;
}

export interface IncomingAttachment {
  readonly ordinal: number;
  readonly displayName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

export interface IncomingDetails extends IncomingRow {
  readonly attachments: readonly IncomingAttachment[];
  readonly attachmentAccess: 'allowed' | 'not_decrypted' | 'confidential';
  readonly importedFrom: { readonly at: string; readonly by: string; readonly file: string } | null;
  readonly actions: readonly IncomingAction[];
}

export interface IncomingFilter {
  readonly archived: boolean;
  readonly text: string;
  readonly status: string | null;
  readonly party: string;
  readonly subject: string | null;
  readonly type: string | null;
  /** Hong Kong days, YYYY-MM-DD. */
  readonly from: string | null;
  readonly to: string | null;
}

export const PAGE_SIZE = 50;

export const incomingPageQuery = (filter: IncomingFilter, after: string | null) =>
  queryOptions({
    queryKey: ['incoming', 'list', filter, after],
    queryFn: () => {
      const params = new URLSearchParams({ archived: String(filter.archived), limit: String(PAGE_SIZE) });
      if (filter.text.trim()) params.set('text', filter.text.trim());
      if (filter.status) params.set('status', filter.status);
      if (filter.party.trim()) params.set('party', filter.party.trim());
      if (filter.subject) params.set('subject', filter.subject);
      if (filter.type) params.set('type', filter.type);
      if (filter.from) params.set('from', filter.from);
      if (filter.to) params.set('to', filter.to);
      if (after) params.set('after', after);
      return api<IncomingPage>(`/api/messages/incoming?${params.toString()}`);
    },
    placeholderData: keepPreviousData,
  });

export const incomingMessageQuery = (id: string) =>
  queryOptions({
    queryKey: ['incoming', 'message', id],
    queryFn: () => api<IncomingDetails>(`/api/messages/incoming/${encodeURIComponent(id)}`),
  });

/** What became of each message of a selection. */
export type Outcome =
  | { readonly id: string; readonly ok: true; readonly status: string }
  | {
      readonly id: string;
      readonly ok: false;
      readonly error: { code: string; message: string; details?: Readonly<Record<string, unknown>> };
    };

type Outcomes = { readonly outcomes: readonly Outcome[] };

export const markRead = (ids: readonly string[], read: boolean) =>
  api<Outcomes>('/api/messages/incoming/read', { method: 'POST', body: { ids, read } });

export const decryptMessages = (ids: readonly string[], schoolKey: string) =>
  api<Outcomes>('/api/messages/incoming/decrypt', { method: 'POST', body: { ids, schoolKey } });

export const archiveIncoming = (ids: readonly string[], archived: boolean) =>
  api<Outcomes>('/api/messages/incoming/archive', { method: 'POST', body: { ids, archived } });

export const deleteIncoming = (ids: readonly string[]) =>
  api<Outcomes>('/api/messages/incoming/delete', { method: 'POST', body: { ids } });

export const replyTo = (id: string) =>
  api<{ id: string; status: string; to: readonly string[] }>(
    `/api/messages/incoming/${encodeURIComponent(id)}/reply`,
    { method: 'POST', body: {} },
  );

export const attachmentUrl = (id: string, ordinal: number) =>
  `/api/messages/incoming/${encodeURIComponent(id)}/attachments/${ordinal}`;

export type ImportOutcome = 'ENCRYPTED' | 'duplicate' | 'deleted' | 'refused';

export interface ImportResult {
  readonly messages: ReadonlyArray<{
    readonly id: string;
    readonly from: string;
    readonly outcome: ImportOutcome;
  }>;
}

/**
 * 匯入訊息: the chosen .zip goes to the node as the request body (the browser streams a File; nothing
 * is read into the page), its name percent-encoded in a header.
 */
export async function uploadBundle(file: File): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch('/api/imports', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLanguage(),
        'content-type': 'application/zip',
        'cds-bundle-name': encodeURIComponent(file.name),
      },
      body: file,
    });
  } catch {
    throw new NetworkError();
  }
  const body = (await response.json().catch(() => null)) as
    | (ImportResult & { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'internal.unexpected',
      body?.error?.message ?? response.statusText,
      body?.error?.details ?? {},
    );
  }
  return body as ImportResult;
}
