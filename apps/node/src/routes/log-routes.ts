import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cdsLogFileName } from '@cds/domain';
import type { CdsApp } from '@cds/http';
import { cdsLogOf, listCdsLogs } from '../cds-log/list-cds-logs.js';
import { MAX_SEARCH_MATCHES, MAX_SEARCH_TEXT, searchCdsLog } from '../cds-log/search-cds-log.js';
import { MAX_LOG_PAGE, showCdsLog } from '../cds-log/show-cds-log.js';
import type { NodeServices } from '../node-services.js';
import type { RouteGuard } from './route-guard.js';

// The shape only; the use cases answer a well-formed but impossible date with log.invalid_date.
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const dateParams = z.object({ date });
const pageQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LOG_PAGE).optional(),
});
const searchQuery = z.object({
  text: z.string().min(1).max(MAX_SEARCH_TEXT),
  from: date.optional(),
  to: date.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_MATCHES).optional(),
});

/** 聯遞系統紀錄 (SPEC §4, right `cds.log`): list the days, view a day, search, download the file. */
export function registerLogRoutes(
  app: CdsApp,
  deps: { readonly services: NodeServices; readonly guard: RouteGuard },
): void {
  const { services, guard } = deps;
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = guard.require('cds.log');

  typed.get('/api/logs', { onRequest }, async () => ({ days: await listCdsLogs(services) }));

  typed.get('/api/logs/search', { onRequest, schema: { querystring: searchQuery } }, (request) =>
    searchCdsLog(services, request.query),
  );

  typed.get(
    '/api/logs/:date',
    { onRequest, schema: { params: dateParams, querystring: pageQuery } },
    (request) => showCdsLog(services, { date: request.params.date, ...request.query }),
  );

  typed.get(
    '/api/logs/:date/download',
    { onRequest, schema: { params: dateParams } },
    async (request, reply) => {
      // No Content-Length: today's file may grow by a line while it is sent.
      const { stream } = await cdsLogOf(services).open(request.params.date);
      const name = cdsLogFileName(request.params.date);
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${name}`)
        .send(stream);
    },
  );
}
