import type { CdsApp } from '@cds/http';
import type { DatabaseHandle, HubDatabase } from '@cds/db';
import type { HubContext } from '../hub-context.js';
import { registerDirectoryRoutes } from './directory-routes.js';
import { registerRegistrationRoutes } from './registration-routes.js';
import { createTransportAuth, parseJsonKeepingDigest } from './transport-auth.js';

export function registerHubRoutes(
  app: CdsApp,
  context: HubContext,
  database: DatabaseHandle<HubDatabase>,
  version: string,
): void {
  parseJsonKeepingDigest(app);
  const auth = createTransportAuth(context, database);
  registerDirectoryRoutes(app, context, version);
  registerRegistrationRoutes(app, context, auth);
}
