import type { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import type { CdsApp } from '@cds/http';
import { requireRight } from '../auth/http-auth.js';
import { outgoingView } from '../messages/message-view.js';
import type { NodeServices } from '../node-services.js';
import { addOutgoingAttachment } from '../use-cases/add-outgoing-attachment.js';
import { removeOutgoingAttachment } from '../use-cases/remove-outgoing-attachment.js';
import { actorOf } from './outgoing-present.js';

/** The browser sends the file itself as the body (no multipart, no base64), its name in the query. */
export const ATTACHMENT_BODY_TYPE = 'application/octet-stream';

const id = z.string().trim().toLowerCase().min(1).max(64);
const version = z.coerce.number().int().min(1);

/**
 * 上載資料 / the attachments of 編修訊息 while a message is READY. The upload is streamed from the
 * socket into the blob store (hashed, fsynced, size-capped by the use case); the octet-stream
 * parser lives in its own scope so it changes no other route's body handling.
 */
export function registerOutgoingAttachmentRoutes(app: CdsApp, services: NodeServices): void {
  const own = requireRight('cds.outgoing.own');

  void app.register((scope, _options, done) => {
    scope.addContentTypeParser(ATTACHMENT_BODY_TYPE, (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/messages/outgoing/:id/attachments',
      {
        onRequest: own,
        schema: {
          params: z.object({ id }),
          querystring: z.object({
            version,
            name: z.string().min(1).max(255),
            type: z.string().min(1).max(255).default(ATTACHMENT_BODY_TYPE),
          }),
        },
      },
      async (request, reply) => {
        const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
        if (contentType !== ATTACHMENT_BODY_TYPE) {
          throw new AppError('validation.failed', { detail: `send the file as ${ATTACHMENT_BODY_TYPE}` });
        }
        const message = await addOutgoingAttachment(services, actorOf(request), {
          id: request.params.id,
          version: request.query.version,
          displayName: request.query.name,
          mediaType: request.query.type,
          body: request.body as Readable,
        });
        return reply.code(201).send({ ...outgoingView(message), version: message.version });
      },
    );
    done();
  });

  app.withTypeProvider<ZodTypeProvider>().delete(
    '/api/messages/outgoing/:id/attachments/:ordinal',
    {
      onRequest: own,
      schema: {
        params: z.object({ id, ordinal: z.coerce.number().int().min(1) }),
        querystring: z.object({ version }),
      },
    },
    async (request) => {
      const message = await removeOutgoingAttachment(services, actorOf(request), {
        id: request.params.id,
        version: request.query.version,
        ordinal: request.params.ordinal,
      });
      return { ...outgoingView(message), version: message.version };
    },
  );
}
