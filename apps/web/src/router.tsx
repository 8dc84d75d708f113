import type { QueryClient } from '@tanstack/react-query';
import {
  Outlet,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  redirect,
} from '@tanstack/react-router';
import { sessionQuery } from './api/session';
import { menuPages } from './lib/menu';
import { AppLayout } from './shell/AppLayout';
import { RightGate } from './shell/RightGate';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OutgoingListPage } from './pages/OutgoingListPage';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { UsersPage } from './pages/UsersPage';

export interface RouterContext {
  readonly queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

export type LoginReason = 'expired' | 'loggedOut';

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { reason?: LoginReason; redirect?: string } => ({
    ...(search['reason'] === 'expired' || search['reason'] === 'loggedOut'
      ? { reason: search['reason'] }
      : {}),
    // Only a path on this site: never a redirect to somewhere else after login.
    ...(typeof search['redirect'] === 'string' && /^\/(?!\/)/.test(search['redirect'])
      ? { redirect: search['redirect'] }
      : {}),
  }),
  component: LoginPage,
});

/** Every page but the login page: a session is required, and a forced password change comes first. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(sessionQuery);
    // TanStack Router's way to redirect from a guard is to throw its redirect object.
    if (me === null) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw redirect({ to: '/login', search: { redirect: location.href } });
    }
    if (me.mustChangePassword && location.pathname !== '/password') {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw redirect({ to: '/password' });
    }
    return { me };
  },
  component: AppLayout,
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

const passwordRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/password',
  component: ChangePasswordPage,
});

const outgoingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/outgoing',
  component: () => (
    <RightGate right="cds.outgoing.own">
      <OutgoingListPage />
    </RightGate>
  ),
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  component: () => (
    <RightGate right="admin.users">
      <UsersPage />
    </RightGate>
  ),
});

const BUILT = new Set(['/', '/outgoing', '/users']);

/** Menu functions whose screens arrive in later issues: reachable, guarded, and honest about it. */
const placeholderRoutes = menuPages()
  .filter((page) => !BUILT.has(page.path))
  .map((page) =>
    createRoute({
      getParentRoute: () => appRoute,
      path: page.path,
      component: () =>
        page.right === undefined ? (
          <PlaceholderPage label={page.label} />
        ) : (
          <RightGate right={page.right}>
            <PlaceholderPage label={page.label} />
          </RightGate>
        ),
    }),
  );

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([homeRoute, passwordRoute, outgoingRoute, usersRoute, ...placeholderRoutes]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: false,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
