import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import type { Logger } from '@cds/platform';
import { installErrorHandling } from './error-handler.js';

export interface BaseAppOptions {
  readonly role: 'hub' | 'node';
  readonly party: string | null;
  readonly version: string;
  readonly logger: Logger;
  /** Throws when a dependency (the database) cannot serve. */
  readonly readiness: () => Promise<void>;
  readonly bodyLimit?: number;
  /** Node's default (16 KiB) is too small for the hub's routing header of a broadcast. */
  readonly maxHeaderSize?: number;
}

export type CdsApp = FastifyInstance;

const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  role: z.enum(['hub', 'node']),
  party: z.string().nullable(),
});

/** What every CDS process serves: health, readiness, errors in one shape, strict headers. */
export async function buildBaseApp(options: BaseAppOptions): Promise<CdsApp> {
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics; widen so plugins type-check.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: false,
    ...(options.maxHeaderSize === undefined ? {} : { http: { maxHeaderSize: options.maxHeaderSize } }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], objectSrc: ["'none'"] },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
  });
  installErrorHandling(app);
  // The API description is generated from the same zod schemas that validate requests (SPEC §4).
  await app.register(swagger, {
    openapi: {
      info: { title: options.role === 'hub' ? 'CDS hub API' : 'CDS node API', version: options.version },
    },
    transform: jsonSchemaTransform,
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/healthz', { schema: { response: { 200: healthSchema } } }, () => ({
    status: 'ok' as const,
    version: options.version,
    role: options.role,
    party: options.party,
  }));
  typed.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  typed.get('/readyz', async (_request, reply) => {
    try {
      await options.readiness();
    } catch (error) {
      throw new AppError('db.unavailable', {}, { cause: error });
    }
    return reply.send({ status: 'ready' });
  });
  return app;
}
