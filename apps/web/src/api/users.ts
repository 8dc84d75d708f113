import { queryOptions } from '@tanstack/react-query';
import { api } from './client';

export interface UserRow {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

export interface GroupRow {
  readonly code: string;
  readonly rights: readonly string[];
}

export const usersQuery = queryOptions({ queryKey: ['users'], queryFn: () => api<UserRow[]>('/api/users') });
export const groupsQuery = queryOptions({
  queryKey: ['groups'],
  queryFn: () => api<GroupRow[]>('/api/groups'),
  staleTime: Number.POSITIVE_INFINITY,
});

export const addUser = (body: {
  username: string;
  displayName: string;
  groups: string[];
  password: string;
}) => api<UserRow>('/api/users', { method: 'POST', body });

export const updateUser = (
  username: string,
  body: { displayName?: string; groups?: string[]; disabled?: boolean },
) => api<UserRow>(`/api/users/${encodeURIComponent(username)}`, { method: 'PATCH', body });

export const resetPassword = (username: string, password: string) =>
  api<void>(`/api/users/${encodeURIComponent(username)}/password`, { method: 'PUT', body: { password } });
