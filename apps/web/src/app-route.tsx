/**
 * The root, login and logged-in layout routes. Each area of the app (apps/web/src/areas/*) hangs its
 * pages under `appRoute`; router.tsx assembles them.
 */
import type { QueryClient } from '@tanstack/react-query';
import { Outlet, createRootRouteWithContext, createRoute, redirect } from '@tanstack/react-router';
import { sessionQuery } from './api/session';
import { AppLayout } from './shell/AppLayout';
import { NotFoundPage } from './pages/NotFoundPage';
import { LoginPage } from './pages/LoginPage';

export interface RouterContext {
  readonly queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

export type LoginReason = 'expired' | 'loggedOut';

export const loginRoute = createRoute({
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
export const appRoute = createRoute({
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
