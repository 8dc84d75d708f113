import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CdsApp } from '@cds/http';
import { requireRight, sessionOf } from '../auth/http-auth.js';
import type { NodeServices } from '../node-services.js';
import { listVisibleOutgoing } from '../use-cases/list-visible-outgoing.js';

const MAX_LIST = 500;

/** 寄發訊息 list for the web app (read-only; actions arrive with their own routes). */
export function registerMessageListRoutes(app: CdsApp, services: NodeServices): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/messages/outgoing',
    {
      onRequest: requireRight('cds.outgoing.own'),
      schema: {
        querystring: z.object({
          status: z.string().max(200).optional(),
          text: z.string().max(200).optional(),
          archived: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_LIST).default(200),
        }),
      },
    },
    async (request) => {
      const { user } = sessionOf(request);
      const { status, text, archived, limit } = request.query;
      return listVisibleOutgoing(services, {
        username: user.username,
        groups: user.groups,
        limit,
        ...(status ? { status: status.split(',') } : {}),
        ...(text ? { text } : {}),
        ...(archived ? { archived: archived === 'true' } : {}),
      });
    },
  );
}
