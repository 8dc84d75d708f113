import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../app-route';
import { ChangePasswordPage } from '../pages/ChangePasswordPage';
import { HomePage } from '../pages/HomePage';
import { OutgoingListPage } from '../pages/OutgoingListPage';
import { UsersPage } from '../pages/UsersPage';
import { RightGate } from '../shell/RightGate';

/** Home, 更改密碼, 用戶管理 and the 寄發訊息 list. */
export const coreRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage }),
  createRoute({ getParentRoute: () => appRoute, path: '/password', component: ChangePasswordPage }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/outgoing',
    component: () => (
      <RightGate right="cds.outgoing.own">
        <OutgoingListPage />
      </RightGate>
    ),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/users',
    component: () => (
      <RightGate right="admin.users">
        <UsersPage />
      </RightGate>
    ),
  }),
];
