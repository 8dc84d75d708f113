import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatErrorMessage } from '@cds/domain';
import { pickLanguage, type CdsApp } from '@cds/http';
import { requireRight } from '../auth/http-auth.js';
import type { NodeServices } from '../node-services.js';
import {
  hubConnectionInputSchema,
  MAX_HUB_URLS,
  readHubConnection,
  RETRY_LIMITS,
} from '../settings/hub-connection-setting.js';
import { pinnedHubKey } from '../use-cases/hub-trust.js';
import { setHubConnection } from '../use-cases/set-hub-connection.js';
import { testHubConnection } from '../use-cases/test-hub-connection.js';
import { actorOf, iso } from './present.js';

const testBody = z
  .object({ urls: z.array(z.string().trim().min(1).max(2048)).min(1).max(MAX_HUB_URLS).optional() })
  .strict();

/**
 * 設定 (right `cds.settings`): 聯遞系統延伸網址 with its fallbacks, the retry policy, and 測試連線 —
 * a checklist per URL (DNS, TCP, TLS, HTTP, hub signature, clock skew), each failure with its reason
 * in the user's language.
 */
export function registerSettingsRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = requireRight('cds.settings');

  const present = async () => {
    const connection = await readHubConnection(services);
    const pinned = await pinnedHubKey(services);
    return {
      ...connection,
      updatedAt: iso(connection.updatedAt),
      hubKeyFingerprint: pinned?.fingerprint ?? services.config.hub.keyFingerprint,
      hubKeyPinned: pinned !== null,
      limits: { urls: MAX_HUB_URLS, ...RETRY_LIMITS },
    };
  };

  typed.get('/api/settings/hub', { onRequest }, present);

  typed.put(
    '/api/settings/hub',
    { onRequest, schema: { body: hubConnectionInputSchema } },
    async (request) => {
      await setHubConnection(services, { ...request.body, actor: actorOf(request) });
      return present();
    },
  );

  typed.post('/api/settings/hub/test', { onRequest, schema: { body: testBody } }, async (request) => {
    const lang = pickLanguage(request.headers['accept-language']);
    const { checks } = await testHubConnection(
      services,
      request.body.urls === undefined ? {} : { urls: request.body.urls },
    );
    return {
      checks: checks.map((check) => ({
        ...check,
        steps: check.steps.map((step) => ({
          ...step,
          error: step.error && {
            ...step.error,
            message: formatErrorMessage(step.error.code, step.error.details, lang),
          },
        })),
      })),
    };
  });
}
