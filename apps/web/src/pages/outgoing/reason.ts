import { storedReasonText } from '@cds/domain';
import type { Language } from '@cds/i18n';

/**
 * A message's last error as the user reads it. The transmission keeps a failure as its stable code
 * (`transport.hub_unreachable`, or `EDB: envelope.header_invalid` for a recipient's refusal), which
 * becomes the catalogue's sentence in the user's language, its details (kept in the CDS log) left out;
 * a key holder's rejection reason is free text, shown as is.
 */
export function reasonText(lastError: string, lang: Language): string {
  return storedReasonText(lastError, lang);
}
