import {
  INCOMING_STATUS_TABLE,
  OUTGOING_STATUS_TABLE,
  parseCode,
  type Box,
  type CodeTable,
  type IncomingStatus,
  type OutgoingStatus,
} from '@cds/domain';
import { incomingView, outgoingView, type MessageSummary } from '../messages/message-view.js';
import type { NodeServices } from '../node-services.js';

export interface ListMessagesInput {
  readonly box: Box;
  readonly status?: readonly string[];
  readonly archived?: boolean;
  readonly text?: string;
  /** At most this many, newest first; default every message. */
  readonly limit?: number;
}

const PAGE = 500;

function statusesOf<S extends string>(table: CodeTable<S>, given: readonly string[] | undefined): S[] {
  return (given ?? []).map((status) => parseCode(table, status.toUpperCase()));
}

/** 寄發訊息 / 接收訊息 lists, newest first, following the keyset pages to the end or the limit. */
export async function listMessages(
  services: NodeServices,
  input: ListMessagesInput,
): Promise<MessageSummary[]> {
  const found: MessageSummary[] = [];
  const want = input.limit ?? Number.POSITIVE_INFINITY;
  const filter = {
    ...(input.archived !== undefined ? { archived: input.archived } : {}),
    ...(input.text !== undefined ? { text: input.text } : {}),
  };
  let after: string | null = null;
  do {
    const limit = Math.min(PAGE, want - found.length);
    if (input.box === 'outgoing') {
      const status: OutgoingStatus[] = statusesOf(OUTGOING_STATUS_TABLE, input.status);
      const page = await services.repos.outgoing.list({ ...filter, status, limit, after });
      found.push(...page.items.map(outgoingView));
      after = page.next;
    } else {
      const status: IncomingStatus[] = statusesOf(INCOMING_STATUS_TABLE, input.status);
      const page = await services.repos.incoming.list({ ...filter, status, limit, after });
      found.push(...page.items.map(incomingView));
      after = page.next;
    }
  } while (after !== null && found.length < want);
  return found;
}
