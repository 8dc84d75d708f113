import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/client';

/**
 * What to tell the user: the node's own message (already in their language), or ours. A technical
 * detail the node sent apart (a library's or the OS's own words, for the help desk) follows on a line
 * of its own; alerts and notifications keep that line break (styles.css).
 */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const detail = technicalDetailOf(error.details);
    return detail === null
      ? error.message
      : `${error.message}\n${t('common:errors.technicalDetail', { detail })}`;
  }
  if (error instanceof NetworkError) return t('errors.network');
  return t('errors.unexpected');
}

/** The free technical text of an error's details (`details.detail`), or null. */
export function technicalDetailOf(details: Readonly<Record<string, unknown>> | undefined): string | null {
  const detail = details?.['detail'];
  return typeof detail === 'string' && detail.trim() !== '' ? detail : null;
}
