import type { CdsApp, ServerContext } from '@cds/http';
import type { NodeServices } from '../node-services.js';
import { authContextOf, type AuthContext } from '../auth/auth-context.js';
import { installAuth, requireRight, sessionOf } from '../auth/http-auth.js';
import { installTransmission, type TransmissionInstallOptions } from '../schedule/install-transmission.js';
import { partyNameOf } from '../party-name.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerMessageListRoutes } from './message-list-routes.js';
import { registerOutgoingRoutes } from './outgoing-routes.js';
import { registerBundleRoutes } from './bundle-routes.js';
import { registerOperationsRoutes } from './operations-routes.js';
import { registerIncomingRoutes } from './incoming-routes.js';
import { registerHelpRoutes } from './help-routes.js';
import { registerNoticeRoutes } from './notice-routes.js';
import { registerReportRoutes } from './report-routes.js';
import { registerUserRoutes } from './user-routes.js';
import { registerWebRoutes } from './web-routes.js';
import { registerStudentRoutes } from './student-routes.js';

export interface NodeRouteOptions {
  /** Tests shorten sessions or fix the clock; production uses the defaults. */
  readonly auth?: Parameters<typeof authContextOf>[1];
  /** Where the built web app lives (tests point at a fixture). */
  readonly webDist?: string;
  /** The cycle runner and scheduler (tests pass a hub client or turn the scheduler off). */
  readonly transmission?: TransmissionInstallOptions;
}

/**
 * Every route of the node. Each one declares who may call it with `onRequest: requireRight(…)` (or
 * requireSession); apps/node/src/routes/route-rights.test.ts holds the literal route × group matrix
 * and fails for a route that is missing from it or reachable without authorisation.
 */
export async function registerNodeRoutes(
  app: CdsApp,
  services: NodeServices,
  server: Pick<ServerContext, 'version'>,
  options: NodeRouteOptions = {},
): Promise<AuthContext> {
  const auth = authContextOf(services, options.auth);
  await installAuth(app, auth);
  await registerAuthRoutes(app, services.config, server.version, () => partyNameOf(services.repos.settings));
  registerUserRoutes(app);
  registerMessageListRoutes(app, services);
  registerOutgoingRoutes(app, services); // 編修訊息, 處理訊息, 刪除, 庫存, 匯出訊息's list
  registerBundleRoutes(app, services); // 匯出訊息 / 匯入訊息
  registerStudentRoutes(app, services); // 學生資料, 資料互換, received Form A, module imports
  registerOperationsRoutes(app, services); // 學校密碼匙管理, 系統註冊, 版本, 設定
  registerNoticeRoutes(app, services); // 通知, 維護通知
  registerReportRoutes(app, services); // 聯遞系統報告
  registerHelpRoutes(app, services); // 說明
  registerIncomingRoutes(app, services); // 接收訊息, 已庫存接收訊息
  // 傳送 and 聯遞系統紀錄 (and the scheduler, which starts once the server listens).
  installTransmission(
    app,
    services,
    { require: requireRight, actor: (request) => `web:${sessionOf(request).user.username}` },
    options.transmission,
  );
  await registerWebRoutes(app, options.webDist);
  return auth;
}
