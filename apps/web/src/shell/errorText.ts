import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/client';

/** What to tell the user: the node's own message (already in their language), or ours. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof NetworkError) return t('errors.network');
  return t('errors.unexpected');
}
