import type { HubClient } from '../hub-client.js';
import type { NodeServices } from '../node-services.js';
import { publishPendingKeys, type PublishedKeys } from './publish-keys.js';
import { refreshDirectory } from './refresh-directory.js';

/**
 * 學校密碼匙管理's "submit to EDB" (`cds keys publish [--code C]`): the pending list is worked out
 * against the hub's directory as it is now, then every rollover goes, and a recovered key with the
 * operator's approval code.
 */
export async function submitKeyStatements(
  services: NodeServices,
  client: HubClient,
  input: { readonly code?: string },
): Promise<PublishedKeys> {
  await refreshDirectory(services, client);
  return publishPendingKeys(services, client, input.code === undefined ? {} : { code: input.code });
}
