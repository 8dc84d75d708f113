import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatErrorMessage } from '@cds/domain';
import { pickLanguage, type CdsApp } from '@cds/http';
import { requireRight } from '../auth/http-auth.js';
import { hubClientFor } from '../node-hub-client.js';
import type { NodeServices } from '../node-services.js';
import { createVersionMessage } from '../use-cases/create-version-message.js';
import { registerNode } from '../use-cases/register-node.js';
import { noteSoftwareVersion } from '../use-cases/report-version.js';
import { showRegistration } from '../use-cases/show-registration.js';
import { approvalCode } from './key-routes.js';
import { actorOf, iso } from './present.js';

/**
 * 系統註冊 (right `cds.registration`): the state, the hub's fingerprint to compare with EDB's letter,
 * and registering with the operator's code. 傳送網上校管系統版本 (right `cds.version`): the version
 * this node runs and Start, which prepares the SYS/VER message for a key holder to seal (SPEC §4).
 */
export function registerRegistrationRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const registration = requireRight('cds.registration');
  const version = requireRight('cds.version');

  typed.get('/api/registration', { onRequest: registration }, async (request) => {
    const view = await showRegistration(services, () => hubClientFor(services));
    const lang = pickLanguage(request.headers['accept-language']);
    return {
      ...view,
      registration: view.registration && {
        ...view.registration,
        registeredAt: iso(view.registration.registeredAt),
      },
      // The hub could not be asked: the reason in the user's language, as any other error.
      hub:
        'error' in view.hub
          ? {
              error: {
                ...view.hub.error,
                message: formatErrorMessage(view.hub.error.code, view.hub.error.details, lang),
              },
            }
          : view.hub,
    };
  });

  typed.post(
    '/api/registration',
    { onRequest: registration, schema: { body: z.object({ code: approvalCode }).strict() } },
    async (request) => {
      const state = await registerNode(services, await hubClientFor(services), request.body.code);
      return { ...state, registeredAt: iso(state.registeredAt) };
    },
  );

  typed.get('/api/version', { onRequest: version }, async () => {
    const record = await noteSoftwareVersion(services);
    return { ...record, upgradedAt: iso(record.upgradedAt), reportedAt: iso(record.reportedAt) };
  });

  typed.post('/api/version/message', { onRequest: version }, async (request, reply) => {
    const message = await createVersionMessage(services, { owner: actorOf(request) });
    return reply.code(201).send({
      id: message.id,
      status: message.status,
      description: message.description,
      to: message.to,
      createdAt: iso(message.createdAt),
    });
  });
}
