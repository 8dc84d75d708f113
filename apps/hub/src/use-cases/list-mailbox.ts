import type { MailboxPage } from '@cds/contracts';
import type { HubContext } from '../hub-context.js';

/** GET /v1/mailbox: the caller's pending deliveries, oldest first; they leave once settled. */
export async function listMailbox(
  context: HubContext,
  input: { readonly caller: string; readonly after: string | null; readonly limit: number },
): Promise<MailboxPage> {
  const page = await context.relay.mailbox(input.caller, input.after, input.limit);
  return {
    items: page.items.map((entry) => ({
      messageId: entry.messageId,
      from: entry.sender,
      headerJws: entry.headerJws,
      payloadSize: entry.payloadSize,
      payloadSha256: entry.payloadSha256,
      acceptedAt: entry.acceptedAt,
    })),
    cursor: page.cursor,
    more: page.more,
  };
}
