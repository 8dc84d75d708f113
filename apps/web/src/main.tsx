import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { isAuthError } from './api/client';
import { DatesLocale } from './lib/DatesLocale';
import { initI18n } from './lib/i18n';
import { styleNonce, theme } from './lib/theme';
import { createAppRouter } from './router';

/**
 * A request refused because the session ended (idle, expired, logged out elsewhere) sends the user
 * to the login page with the reason, keeping where they were.
 */
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      if (!isAuthError(error)) return;
      queryClient.setQueryData(['session'], null);
      void router.navigate({
        to: '/login',
        search: { reason: 'expired', redirect: window.location.pathname },
      });
    },
  }),
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: true } },
});
const router = createAppRouter(queryClient);

// Modals lock page scrolling with a generated <style> (react-remove-scroll via get-nonce), which reads
// this global: give it the page's nonce so the CSP admits it, as Mantine's own styles are admitted.
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = styleNonce();

await initI18n();

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} getStyleNonce={styleNonce} defaultColorScheme="light">
      <Notifications position="top-right" />
      <DatesLocale>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesLocale>
    </MantineProvider>
  </StrictMode>,
);
