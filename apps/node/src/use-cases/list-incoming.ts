import type { IncomingView } from '../messages/message-view.js';
import type { NodeServices } from '../node-services.js';
import { searchMessages, type MessageSearch } from './search-messages.js';

export interface IncomingPage {
  readonly items: readonly IncomingView[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
  /** 未讀取 in 接收訊息 as a whole (not only this page), for the heading and the menu. */
  readonly unread: number;
}

/**
 * 接收訊息 and 已庫存接收訊息 (SPEC §3.2, §6): one keyset page of the incoming box matching the
 * criteria, newest first, with the number of unread messages so the list can say how many wait.
 */
export async function listIncoming(
  services: NodeServices,
  criteria: Omit<MessageSearch, 'box'>,
): Promise<IncomingPage> {
  const page = await searchMessages(services, { ...criteria, box: 'incoming' });
  return {
    items: page.items as readonly IncomingView[],
    next: page.next,
    unread: await services.repos.incoming.unreadCount(),
  };
}
