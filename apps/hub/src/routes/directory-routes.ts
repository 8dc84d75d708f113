import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CdsApp } from '@cds/http';
import type { HubContext } from '../hub-context.js';

const MAX_ENTRIES = 500;

const entrySchema = z.object({
  seq: z.number(),
  at: z.number(),
  prevHash: z.string(),
  body: z.unknown(),
  hash: z.string(),
  signature: z.string(),
});

/** Public, read-only: everything served here is signed, so nodes verify rather than trust it. */
export function registerDirectoryRoutes(app: CdsApp, context: HubContext, version: string): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/hub',
    {
      schema: {
        response: {
          200: z.object({
            role: z.literal('hub'),
            version: z.string(),
            time: z.number(),
            hubKey: z.object({
              kty: z.literal('OKP'),
              crv: z.literal('Ed25519'),
              x: z.string(),
              kid: z.string(),
            }),
            fingerprint: z.string(),
          }),
        },
      },
    },
    () => ({
      role: 'hub' as const,
      version,
      time: context.clock.now(),
      hubKey: context.hubKey.publicJwk,
      fingerprint: context.hubKey.fingerprint,
    }),
  );

  typed.get(
    '/v1/directory',
    {
      schema: {
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(MAX_ENTRIES).default(MAX_ENTRIES),
        }),
        response: {
          200: z.object({
            entries: z.array(entrySchema),
            head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const rows = await context.registry.directorySince(request.query.after, request.query.limit);
      return {
        entries: rows.map((row) => ({ ...row, body: JSON.parse(row.body) as unknown })),
        head: await context.registry.directoryHead(),
      };
    },
  );
}
