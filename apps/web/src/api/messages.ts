import { queryOptions } from '@tanstack/react-query';
import { api } from './client';

/**
 * One row of 寄發訊息 as GET /api/messages/outgoing returns it (ISO 8601 UTC times). The 寄發訊息
 * screens use api/outgoing.ts; this newest-page form serves other screens (傳送's descriptions).
 */
export interface OutgoingRow {
  readonly id: string;
  readonly subject: string;
  readonly type: string;
  readonly priority: string;
  readonly encryptionLevel: string;
  readonly description: string;
  readonly status: string;
  readonly to: readonly string[];
  readonly owner: string;
  readonly createdAt: string;
  readonly sentAt: string | null;
  readonly attempts: number;
}

export interface OutgoingFilter {
  readonly status: string | null;
  readonly text: string;
}

export const outgoingQuery = (filter: OutgoingFilter) =>
  queryOptions({
    queryKey: ['outgoing', filter],
    queryFn: async () => {
      const params = new URLSearchParams({ archived: 'false', limit: '200' });
      if (filter.status) params.set('status', filter.status);
      if (filter.text.trim()) params.set('text', filter.text.trim());
      // The list is keyset-paged ({ items, next }); this short form reads the newest page only.
      const page = await api<{ items: OutgoingRow[] }>(`/api/messages/outgoing?${params.toString()}`);
      return page.items;
    },
  });
