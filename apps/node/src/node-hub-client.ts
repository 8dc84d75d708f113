import { readTransportKey } from '@cds/keys';
import { HubClient } from './hub-client.js';
import type { NodeServices } from './node-services.js';

export async function hubClientFor(services: NodeServices): Promise<HubClient> {
  const key = await readTransportKey(services.keys.paths.transportKey);
  return new HubClient({ urls: services.config.hub.urls, key, now: () => services.keys.clock.now() });
}
