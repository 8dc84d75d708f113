import { AppError, isAppError } from '@cds/domain';

/** What happened to one message of a multi-selection: the others go on when one fails. */
export type MessageOutcome<T extends object = object> =
  | ({ readonly id: string; readonly ok: true } & T)
  | { readonly id: string; readonly ok: false; readonly error: AppError };

/** Runs `work` for one message, turning an AppError into a failed outcome; anything else is a bug and escapes. */
export async function outcomeOf<T extends object>(
  id: string,
  work: () => Promise<T>,
): Promise<MessageOutcome<T>> {
  try {
    return { id, ok: true, ...(await work()) };
  } catch (error) {
    if (isAppError(error)) return { id, ok: false, error };
    throw error;
  }
}

/** Ids as typed: lowercase, each once, in the order given. */
export function distinctIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const id of ids) seen.add(id.trim().toLowerCase());
  if (seen.size === 0) throw new AppError('usage.invalid_argument', { reason: 'message.no_ids' });
  return [...seen];
}
