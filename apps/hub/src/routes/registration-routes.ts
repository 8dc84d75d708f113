import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CdsApp } from '@cds/http';
import type { HubContext } from '../hub-context.js';
import { registerParticipant } from '../use-cases/register-participant.js';
import type { TransportAuth } from './transport-auth.js';

const generalJws = z.object({
  payload: z.string().max(16_384),
  signatures: z
    .array(z.object({ protected: z.string().max(1024), signature: z.string().max(256) }))
    .min(1)
    .max(2),
});

export const registrationRequestSchema = z.object({
  code: z.string().max(64),
  party: z.string().max(16),
  statement: generalJws,
  transportKey: z.object({ kid: z.string().min(1).max(64), x: z.string().length(43) }),
  softwareVersion: z.string().min(1).max(64),
});

/**
 * POST /v1/register: signed with the transport key it introduces (proof of possession), so the hub
 * learns nothing it could later be tricked into accepting from someone else.
 */
export function registerRegistrationRoutes(app: CdsApp, context: HubContext, auth: TransportAuth): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/register',
    {
      schema: {
        body: registrationRequestSchema,
        response: {
          200: z.object({ party: z.string(), directory: z.object({ seq: z.number(), hash: z.string() }) }),
        },
      },
    },
    async (request) => {
      const body = request.body;
      await auth.verify(request, (keyid) =>
        Promise.resolve(
          keyid === body.transportKey.kid
            ? { party: body.party, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: body.transportKey.x } }
            : null,
        ),
      );
      const head = await registerParticipant(context, { ...body, address: request.ip });
      return { party: body.party, directory: head };
    },
  );
}
