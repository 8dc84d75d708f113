import type { CdsApp } from '@cds/http';
import type { DatabaseHandle, HubDatabase } from '@cds/db';
import type { HubContext } from '../hub-context.js';
import { registerBundleRoutes, streamZipBodies } from './bundle-routes.js';
import { registerDeliveryRoutes } from './delivery-routes.js';
import { registerDirectoryRoutes } from './directory-routes.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerMessageRoutes, streamOctetBodies } from './message-routes.js';
import { registerRegistrationRoutes } from './registration-routes.js';
import { createTransportAuth, parseJsonKeepingDigest } from './transport-auth.js';

export function registerHubRoutes(
  app: CdsApp,
  context: HubContext,
  database: DatabaseHandle<HubDatabase>,
  version: string,
): void {
  parseJsonKeepingDigest(app);
  streamOctetBodies(app);
  streamZipBodies(app);
  const auth = createTransportAuth(context, database);
  registerDirectoryRoutes(app, context, version);
  registerRegistrationRoutes(app, context, auth);
  registerMessageRoutes(app, context, auth);
  registerDeliveryRoutes(app, context, auth);
  registerBundleRoutes(app, context);
  registerKeyRoutes(app, context, auth);
}
