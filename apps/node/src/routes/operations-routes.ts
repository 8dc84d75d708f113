import type { CdsApp } from '@cds/http';
import type { NodeServices } from '../node-services.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerRegistrationRoutes } from './registration-routes.js';
import { registerSettingsRoutes } from './settings-routes.js';

/** The operations screens' API (傳送 and 聯遞系統紀錄 are installed with the transmission runner). */
export function registerOperationsRoutes(app: CdsApp, services: NodeServices): void {
  registerKeyRoutes(app, services);
  registerRegistrationRoutes(app, services);
  registerSettingsRoutes(app, services);
}
