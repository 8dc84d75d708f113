import { storedReasonText, type ErrorDetails } from '@cds/domain';
import type { Language } from '@cds/i18n';

/**
 * A message's last error as the user reads it, in the language chosen now. The node keeps a failure
 * as its stable code (`transport.hub_unreachable`, or `EDB: envelope.header_invalid` for a
 * recipient's refusal) and the details it came with (`lastErrorDetails`), which fill the sentence;
 * a key holder's rejection reason is free text, shown as is.
 */
export function reasonText(
  lastError: string,
  lang: Language,
  details?: Readonly<Record<string, unknown>> | null,
): string {
  return storedReasonText(lastError, lang, (details ?? null) as ErrorDetails | null);
}
