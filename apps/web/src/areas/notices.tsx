import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../app-route';
import { HelpPage } from '../pages/notices/HelpPage';
import { LoginNoticesPage } from '../pages/notices/LoginNoticesPage';
import { NoticeMaintenancePage } from '../pages/notices/NoticeMaintenancePage';
import { ReportsPage } from '../pages/notices/ReportsPage';
import { RightGate } from '../shell/RightGate';

/** 通知 at login, 說明, 聯遞系統報告 and 維護通知. */
export const noticesRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/notices', component: LoginNoticesPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/help', component: HelpPage }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/reports',
    component: () => (
      <RightGate right="cds.report">
        <ReportsPage />
      </RightGate>
    ),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/settings/notifications',
    component: () => (
      <RightGate right="cds.notification.maintain">
        <NoticeMaintenancePage />
      </RightGate>
    ),
  }),
];
