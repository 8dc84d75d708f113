import type { CdsApp } from '@cds/http';
import type { HubContext } from '../hub-context.js';
import { registerDirectoryRoutes } from './directory-routes.js';

export function registerHubRoutes(app: CdsApp, context: HubContext, version: string): void {
  registerDirectoryRoutes(app, context, version);
}
