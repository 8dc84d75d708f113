import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  keysPaths,
  publishKeyRequestSchema,
  publishKeyResponseSchema,
  transportRotationRequestSchema,
  transportRotationResponseSchema,
  versionReportRequestSchema,
  versionReportResponseSchema,
} from '@cds/contracts';
import type { CdsApp } from '@cds/http';
import type { HubContext } from '../hub-context.js';
import { acceptTransportRotation, rotationSigner } from '../use-cases/accept-transport-rotation.js';
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

  typed.post(
    keysPaths.transportKeys,
    {
      schema: {
        body: transportRotationRequestSchema,
        response: { 200: transportRotationResponseSchema },
      },
    },
    async (request) => {
      // Signed with the new key, which the hub learns from the rotation itself (proof of possession).
      const signer = await rotationSigner(context, request.body.rotation);
      const verified = await auth.verify(request, (keyid) =>
        Promise.resolve(
          signer && keyid === signer.kid ? { party: signer.party, publicJwk: signer.publicJwk } : null,
        ),
      );
      const rotated = await acceptTransportRotation(context, {
        party: verified.party,
        rotation: request.body.rotation,
      });
      return { party: rotated.party, kid: rotated.kid, directory: { seq: rotated.seq, hash: rotated.hash } };
    },
  );
}
