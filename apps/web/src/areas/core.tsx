import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../app-route';
import { ChangePasswordPage } from '../pages/ChangePasswordPage';
import { HomePage } from '../pages/HomePage';
import { UsersPage } from '../pages/UsersPage';
import { RightGate } from '../shell/RightGate';

/** Home, 更改密碼 and 用戶管理 (寄發訊息 is areas/outgoing.tsx). */
export const coreRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage }),
  createRoute({ getParentRoute: () => appRoute, path: '/password', component: ChangePasswordPage }),
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
