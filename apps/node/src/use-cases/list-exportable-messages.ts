import type { NodeServices } from '../node-services.js';
import { searchMessages } from './search-messages.js';

/**
 * 匯出訊息's list (SPEC §5): the SEND_FAIL messages, newest first, each with the bundles it went
 * into (time, user, file) so the user sees what has already been handed to EDB.
 */
export async function listExportableMessages(
  services: NodeServices,
  input: { readonly limit?: number; readonly after?: string | null },
) {
  const page = await searchMessages(services, {
    box: 'outgoing',
    status: ['SEND_FAIL'],
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
    ...(input.after !== undefined ? { after: input.after } : {}),
  });
  const items = [];
  for (const item of page.items) {
    const exports = await services.repos.bundles.exports(item.id);
    items.push({
      ...item,
      exports: exports.map((move) => ({ at: new Date(move.at).toISOString(), by: move.by, file: move.file })),
    });
  }
  return { items, next: page.next };
}
