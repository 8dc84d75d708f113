import type { MessageSummary } from '../messages/message-view.js';
import type { NodeServices } from '../node-services.js';
import { searchMessages, type MessageSearch } from './search-messages.js';

export interface ListMessagesInput extends Omit<MessageSearch, 'limit' | 'after'> {
  /** At most this many, newest first; default every message. */
  readonly limit?: number;
}

const PAGE = 500;

/** 寄發訊息 / 接收訊息 lists, newest first, following the keyset pages to the end or the limit. */
export async function listMessages(
  services: NodeServices,
  input: ListMessagesInput,
): Promise<MessageSummary[]> {
  const found: MessageSummary[] = [];
  const want = input.limit ?? Number.POSITIVE_INFINITY;
  let after: string | null = null;
  do {
    const page = await searchMessages(services, {
      ...input,
      limit: Math.min(PAGE, want - found.length),
      after,
    });
    found.push(...page.items);
    after = page.next;
  } while (after !== null && found.length < want);
  return found;
}
