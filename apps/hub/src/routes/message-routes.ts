import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '@cds/domain';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  PAYLOAD_MEDIA_TYPE,
  ROUTING_HEADER_FIELD,
  acceptanceResponseSchema,
  messageParamsSchema,
} from '@cds/contracts';
import type { CdsApp } from '@cds/http';
import type { HubContext } from '../hub-context.js';
import { acceptUpload } from '../use-cases/accept-upload.js';
import { getAcceptanceReceipt } from '../use-cases/get-acceptance-receipt.js';
import { readPayload } from '../use-cases/read-payload.js';
import type { TransportAuth } from './transport-auth.js';

/**
 * The payload reaches the handler as the raw request stream: never buffered, so its size is bounded
 * by the relay limit and the disk, not by memory. Fastify's body limit applies only to parsers that
 * buffer, so it does not cap payloads.
 */
export function streamOctetBodies(app: FastifyInstance): void {
  app.addContentTypeParser(PAYLOAD_MEDIA_TYPE, (_request, payload, done) => done(null, payload));
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The upload body as a stream; a PUT of another media type would have been parsed, so refuse it. */
function payloadStream(request: FastifyRequest): Readable {
  const type = single(request.headers['content-type']);
  if (type !== undefined && type.split(';')[0]?.trim().toLowerCase() !== PAYLOAD_MEDIA_TYPE) {
    throw new AppError('validation.failed', { detail: `an upload is ${PAYLOAD_MEDIA_TYPE}, not ${type}` });
  }
  // With no body at all (Content-Length: 0) no parser runs; the raw request is then simply empty.
  return (request.body as Readable | undefined) ?? request.raw;
}

function contentLength(request: FastifyRequest): number | undefined {
  const value = single(request.headers['content-length']);
  return value === undefined ? undefined : Number(value);
}

/** Upload, acceptance receipt and download of one message (SPEC §4). */
export function registerMessageRoutes(app: CdsApp, context: HubContext, auth: TransportAuth): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.put(
    '/v1/messages/:id',
    {
      schema: {
        params: messageParamsSchema,
        response: { 200: acceptanceResponseSchema, 201: acceptanceResponseSchema },
      },
    },
    async (request, reply) => {
      const verified = await auth.verify(request);
      const body = payloadStream(request);
      const result = await acceptUpload(context, {
        id: request.params.id,
        caller: verified.party,
        contentDigest: verified.contentDigest,
        signedSha256: verified.sha256Hex,
        headerJws: single(request.headers[ROUTING_HEADER_FIELD]),
        contentLength: contentLength(request),
        body,
      });
      return reply.status(result.created ? 201 : 200).send({ receipt: result.receipt });
    },
  );

  typed.get(
    '/v1/messages/:id/receipt',
    { schema: { params: messageParamsSchema, response: { 200: acceptanceResponseSchema } } },
    async (request) => {
      const verified = await auth.verify(request);
      return getAcceptanceReceipt(context, { id: request.params.id, caller: verified.party });
    },
  );

  typed.get(
    '/v1/messages/:id/payload',
    { schema: { params: messageParamsSchema } },
    async (request, reply) => {
      const verified = await auth.verify(request);
      const download = await readPayload(context, {
        id: request.params.id,
        caller: verified.party,
        range: single(request.headers.range),
      }).catch((error: unknown) => {
        // RFC 9110 §15.5.17: a 416 says how long the representation is.
        if (isAppError(error) && error.code === 'relay.range_not_satisfiable') {
          reply.header('content-range', `bytes */${String(error.details['size'])}`);
        }
        throw error;
      });
      reply
        .header('content-type', PAYLOAD_MEDIA_TYPE)
        .header('accept-ranges', 'bytes')
        .header('etag', `"${download.sha256}"`);
      if (download.range) {
        const { start, end } = download.range;
        reply
          .status(206)
          .header('content-range', `bytes ${start}-${end}/${download.size}`)
          .header('content-length', String(end - start + 1));
      } else {
        reply.header('content-length', String(download.size));
      }
      return reply.send(download.stream);
    },
  );
}
