import type { NodeServices } from '../node-services.js';
import {
  checkHubUrls,
  writeHubConnection,
  type HubConnection,
  type HubConnectionInput,
} from '../settings/hub-connection-setting.js';

/**
 * 設定: 聯遞系統延伸網址 (the hub URL, then its fallbacks in order) and the retry policy. A bad URL
 * changes nothing; the next request to the hub uses the saved list.
 */
export async function setHubConnection(
  services: NodeServices,
  input: HubConnectionInput & { readonly actor: string },
): Promise<HubConnection> {
  const urls = checkHubUrls(input.urls, services.config.hub.allowInsecure);
  return writeHubConnection(services, { urls, retry: input.retry }, input.actor);
}
