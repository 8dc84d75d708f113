import { ERROR_CATALOGUE, formatErrorMessage, type ErrorCode } from '@cds/domain';
import type { Language } from '@cds/i18n';

/**
 * A message's last error as the user reads it. The transmission keeps a failure as its stable code
 * (`transport.hub_unreachable`), which becomes the catalogue's sentence in the user's language, its
 * details (kept in the CDS log) left out; a key holder's rejection reason is free text, shown as is.
 */
export function reasonText(lastError: string, lang: Language): string {
  if (!Object.hasOwn(ERROR_CATALOGUE, lastError)) return lastError;
  return formatErrorMessage(lastError as ErrorCode, {}, lang)
    .replace(/\s*[（(]\{\w+\}[）)]/g, '')
    .replace(/\s*[：:]\s*\{\w+\}/g, '')
    .replace(/\{\w+\}/g, '')
    .replace(/\s+([。.])/g, '$1');
}
