import { AppError } from '@cds/domain';
import { distinctIds, type MessageOutcome } from '../messages/outcome.js';
import type { NodeServices } from '../node-services.js';

/**
 * The incoming screens act on the incoming box only: the shared delete and archive use cases take
 * ids from either box, so an outgoing id sent here is reported as not found (and left alone) rather
 * than deleted under 接收訊息's right. The outcomes come back in the order the ids were given.
 */
export async function onIncomingOnly<T extends object>(
  services: NodeServices,
  ids: readonly string[],
  work: (ids: string[]) => Promise<MessageOutcome<T>[]>,
): Promise<MessageOutcome<T>[]> {
  const wanted = distinctIds(ids);
  const incoming: string[] = [];
  const refused = new Map<string, MessageOutcome<T>>();
  for (const id of wanted) {
    if (await services.repos.incoming.get(id)) incoming.push(id);
    else refused.set(id, { id, ok: false, error: new AppError('message.not_found', { id }) });
  }
  const done = new Map((incoming.length > 0 ? await work(incoming) : []).map((o) => [o.id, o]));
  return wanted.map((id) => refused.get(id) ?? done.get(id)!);
}
