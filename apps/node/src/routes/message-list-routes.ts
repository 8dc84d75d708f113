import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CdsApp } from '@cds/http';
import { requireRight } from '../auth/http-auth.js';
import type { NodeServices } from '../node-services.js';
import { listVisibleOutgoing } from '../use-cases/list-visible-outgoing.js';
import { actorOf } from './outgoing-present.js';

const MAX_PAGE = 500;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

/**
 * 寄發訊息 list (SPEC §6): search and filters (status, subject, type, party, Hong Kong days,
 * description contains), the archived list (已庫存寄發訊息) and keyset pages. A user without
 * `cds.outgoing.all` gets only their own messages, filtered by the database query itself.
 */
export function registerMessageListRoutes(app: CdsApp, services: NodeServices): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/messages/outgoing',
    {
      onRequest: requireRight('cds.outgoing.own'),
      schema: {
        querystring: z.object({
          status: z.string().max(200).optional(),
          text: z.string().max(200).optional(),
          description: z.string().trim().min(1).max(200).optional(),
          party: z.string().max(16).optional(),
          subject: z.string().max(16).optional(),
          type: z.string().max(16).optional(),
          from: day.optional(),
          to: day.optional(),
          archived: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
          after: z.string().min(1).max(512).optional(),
        }),
      },
    },
    (request) => {
      const { status, archived, ...criteria } = request.query;
      return listVisibleOutgoing(services, actorOf(request), {
        ...criteria,
        ...(status ? { status: status.split(',').filter((s) => s !== '') } : {}),
        ...(archived ? { archived: archived === 'true' } : {}),
      });
    },
  );
}
