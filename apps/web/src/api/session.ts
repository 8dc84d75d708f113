import { queryOptions } from '@tanstack/react-query';
import type { Right } from '@cds/domain';
import { api, isAuthError } from './client';

export interface Me {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  readonly rights: readonly Right[];
  readonly mustChangePassword: boolean;
  readonly lang: 'zh-HK' | 'en' | null;
  readonly party: string;
  readonly nodeRole: 'school' | 'agency';
}

export interface NodeInfo {
  readonly party: string;
  readonly nodeRole: 'school' | 'agency';
  readonly version: string;
  /** The participant's printed name (`cds node init --name`), or null. */
  readonly name: string | null;
}

/** The logged-in user, or null: "not logged in" is an answer here, not an error. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api<Me>('/api/session');
    } catch (error) {
      if (isAuthError(error)) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export const nodeInfoQuery = queryOptions({
  queryKey: ['node-info'],
  queryFn: () => api<NodeInfo>('/api/info'),
  staleTime: Number.POSITIVE_INFINITY,
});

export const logIn = (username: string, password: string) =>
  api<Me>('/api/session', { method: 'POST', body: { username, password } });

export const logOut = () => api<void>('/api/session', { method: 'DELETE' });

export const changePassword = (current: string, next: string) =>
  api<void>('/api/session/password', { method: 'PUT', body: { current, next } });

export const saveLanguage = (lang: 'zh-HK' | 'en') =>
  api<void>('/api/session/lang', { method: 'PUT', body: { lang } });

export function hasRight(me: Me | null | undefined, right: Right): boolean {
  return me?.rights.includes(right) ?? false;
}
