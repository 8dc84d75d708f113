import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { currentLanguage } from '../lib/i18n';
import { api, ApiError, NetworkError } from './client';

/** One row of 寄發訊息 as the node presents it (ISO 8601 UTC times). */
export interface OutgoingRow {
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
  readonly to: readonly string[];
  readonly owner: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly sealedAt: string | null;
  readonly sentAt: string | null;
  readonly receivedAt: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  /** What the failure came with (a URL, a party), to word it; null for none. */
  readonly lastErrorDetails?: Readonly<Record<string, unknown>> | null;
  readonly exportedAt: string | null;
  readonly archived: boolean;
}

export interface ExportMove {
  readonly at: string;
  readonly by: string;
  readonly file: string;
}

export interface OutgoingAttachment {
  readonly ordinal: number;
  readonly displayName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

export interface OutgoingDetails extends OutgoingRow {
  readonly version: number;
  readonly attachments: readonly OutgoingAttachment[];
  readonly receipts: readonly { recipient: string; kind: string; at: string | null; reason: string | null }[];
  readonly exports: readonly ExportMove[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

export type Outcome =
  | { readonly id: string; readonly ok: true; readonly status: string | null }
  | { readonly id: string; readonly ok: false; readonly error: { code: string; message: string } };

export interface OutgoingFilter {
  readonly text: string;
  readonly status: string | null;
  readonly subject: string | null;
  readonly type: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

export const PAGE_SIZE = 50;

export const outgoingPageQuery = (filter: OutgoingFilter, archived: boolean, after: string | null) =>
  queryOptions({
    queryKey: ['outgoing', 'list', archived, filter, after],
    queryFn: () => {
      const params = new URLSearchParams({ archived: String(archived), limit: String(PAGE_SIZE) });
      if (filter.text.trim()) params.set('text', filter.text.trim());
      if (filter.status) params.set('status', filter.status);
      if (filter.subject) params.set('subject', filter.subject);
      if (filter.type) params.set('type', filter.type);
      if (filter.from) params.set('from', filter.from);
      if (filter.to) params.set('to', filter.to);
      if (after) params.set('after', after);
      return api<Page<OutgoingRow>>(`/api/messages/outgoing?${params.toString()}`);
    },
    placeholderData: keepPreviousData,
  });

/** 處理訊息's queue: every READY message (the key holder sees everyone's). */
export const readyQueueQuery = queryOptions({
  queryKey: ['outgoing', 'ready'],
  queryFn: () => api<Page<OutgoingRow>>('/api/messages/outgoing?status=READY&archived=false&limit=500'),
});

export const outgoingMessageQuery = (id: string) =>
  queryOptions({
    queryKey: ['outgoing', 'message', id],
    queryFn: () => api<OutgoingDetails>(`/api/messages/outgoing/${encodeURIComponent(id)}`),
  });

export const exportableQuery = queryOptions({
  queryKey: ['outgoing', 'exportable'],
  queryFn: () => api<Page<OutgoingRow & { exports: readonly ExportMove[] }>>('/api/exports?limit=500'),
});

export interface MessageFields {
  readonly to: readonly string[];
  readonly subject: string;
  readonly type: string;
  readonly description: string;
  readonly priority: string;
  readonly encryptionLevel: string;
  readonly schoolReference: string | null;
  readonly replyDeadline: string | null;
}

type Saved = OutgoingRow & { version: number };

export const createOutgoing = (fields: MessageFields) =>
  api<Saved>('/api/messages/outgoing', { method: 'POST', body: fields });

export const modifyOutgoing = (id: string, version: number, fields: MessageFields) =>
  api<Saved>(`/api/messages/outgoing/${id}`, { method: 'PUT', body: { ...fields, version } });

export const removeAttachment = (id: string, version: number, ordinal: number) =>
  api<Saved>(`/api/messages/outgoing/${id}/attachments/${ordinal}?version=${version}`, {
    method: 'DELETE',
  });

export const sealMessages = (ids: readonly string[], schoolKey: string) =>
  api<{ outcomes: Outcome[] }>('/api/messages/outgoing/seal', { method: 'POST', body: { ids, schoolKey } });

export const rejectMessage = (id: string, reason: string) =>
  api<Saved>(`/api/messages/outgoing/${id}/reject`, { method: 'POST', body: { reason } });

export const resendMessages = (ids: readonly string[]) =>
  api<{ outcomes: Outcome[] }>('/api/messages/outgoing/resend', { method: 'POST', body: { ids } });

export const deleteMessages = (ids: readonly string[]) =>
  api<{ outcomes: Outcome[] }>('/api/messages/outgoing/delete', { method: 'POST', body: { ids } });

export const archiveMessages = (ids: readonly string[], archived: boolean) =>
  api<{ outcomes: Outcome[] }>('/api/messages/outgoing/archive', { method: 'POST', body: { ids, archived } });

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  return new ApiError(
    response.status,
    body?.error?.code ?? 'internal.unexpected',
    body?.error?.message ?? response.statusText,
  );
}

/**
 * 上載資料: the file goes as the request body itself, streamed by the browser from disk (no base64,
 * no multipart); its name and media type travel in the query string.
 */
export async function uploadAttachment(id: string, version: number, file: File): Promise<Saved> {
  const params = new URLSearchParams({
    version: String(version),
    name: file.name,
    type: file.type || 'application/octet-stream',
  });
  let response: Response;
  try {
    response = await fetch(`/api/messages/outgoing/${id}/attachments?${params.toString()}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        accept: 'application/json',
        'accept-language': currentLanguage(),
      },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as Saved;
}

/** 匯出: the node writes the bundle and sends it as a download; the browser saves it as a .zip file. */
export async function exportBundle(ids: readonly string[]): Promise<{ file: string }> {
  let response: Response;
  try {
    response = await fetch('/api/exports', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/zip, application/json',
        'accept-language': currentLanguage(),
      },
      credentials: 'same-origin',
      body: JSON.stringify({ ids }),
    });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const file = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'cds-export.zip';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { file };
}
