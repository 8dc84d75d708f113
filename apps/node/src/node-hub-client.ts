import { readTransportKey } from '@cds/keys';
import { HubClient } from './hub-client.js';
import type { NodeServices } from './node-services.js';
import { readHubConnection } from './settings/hub-connection-setting.js';

/** The hub URLs are those saved in 設定 (聯遞系統延伸網址), else those of `cds node init`. */
export async function hubClientFor(services: NodeServices): Promise<HubClient> {
  const key = await readTransportKey(services.keys.paths.transportKey);
  const { urls } = await readHubConnection(services);
  return new HubClient({ urls, key, now: () => services.keys.clock.now() });
}
