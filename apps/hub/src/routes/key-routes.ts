import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  keysPaths,
  publishKeyRequestSchema,
  publishKeyResponseSchema,
  versionReportRequestSchema,
  versionReportResponseSchema,
} from '@cds/contracts';
import type { CdsApp } from '@cds/http';
import type { HubContext } from '../hub-context.js';
import { publishKeyStatement } from '../use-cases/publish-key-statement.js';
import { recordVersionReport } from '../use-cases/record-version-report.js';
import type { TransportAuth } from './transport-auth.js';

/** A registered node's own key statements and software version; the caller is who signed the request. */
export function registerKeyRoutes(app: CdsApp, context: HubContext, auth: TransportAuth): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    keysPaths.keys,
    { schema: { body: publishKeyRequestSchema, response: { 200: publishKeyResponseSchema } } },
    async (request) => {
      const verified = await auth.verify(request);
      const published = await publishKeyStatement(context, {
        party: verified.party,
        statement: request.body.statement,
        code: request.body.code,
        address: request.ip,
      });
      return {
        kid: published.kid,
        recovery: published.recovery,
        directory: { seq: published.seq, hash: published.hash },
      };
    },
  );

  typed.post(
    keysPaths.version,
    { schema: { body: versionReportRequestSchema, response: { 200: versionReportResponseSchema } } },
    async (request) => {
      const verified = await auth.verify(request);
      return recordVersionReport(context, { party: verified.party, version: request.body.version });
    },
  );
}
