import type { QueryClient } from '@tanstack/react-query';
import { createRoute, createRouter } from '@tanstack/react-router';
import { appRoute, loginRoute, rootRoute } from './app-route';
import { coreRoutes } from './areas/core';
import { studentRoutes } from './areas/student';
import { noticesRoutes } from './areas/notices';
import { outgoingRoutes } from './areas/outgoing';
import { operationsRoutes } from './areas/operations';
import { incomingRoutes } from './areas/incoming';
import { menuPages } from './lib/menu';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { RightGate } from './shell/RightGate';

export type { LoginReason, RouterContext } from './app-route';

/**
 * Every area's pages. An area is one file under areas/ exporting an array of routes made with
 * `getParentRoute: () => appRoute`; add it here (one line) and its menu pages stop being placeholders.
 */
const AREA_ROUTES = [
  ...coreRoutes,
  ...outgoingRoutes,
  ...incomingRoutes,
  ...operationsRoutes,
  ...noticesRoutes,
  ...studentRoutes,
];

const BUILT = new Set<string>(AREA_ROUTES.map((route) => (route.options as { path?: string }).path ?? ''));

/** Menu functions whose screens are not built yet: reachable, guarded, and honest about it. */
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
  appRoute.addChildren([...AREA_ROUTES, ...placeholderRoutes]),
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
