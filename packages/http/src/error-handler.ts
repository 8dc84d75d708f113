import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type Lang } from '@cds/domain';
import { pickLanguage } from './language.js';

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>>;
  };
}

export function errorBody(error: AppError, lang: Lang): ErrorBody {
  return { error: { code: error.code, message: error.messageIn(lang), details: error.details } };
}

/** Anything thrown becomes an AppError; only AppError details reach the client, never stack traces. */
export function toAppError(error: unknown, bodyLimit: number): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const detail = error.validation
      .map((issue) => `${issue.instancePath || '(body)'} ${issue.message ?? ''}`.trim())
      .join('; ');
    return new AppError('validation.failed', { detail });
  }
  if (fastifyError.validation) return new AppError('validation.failed', { detail: fastifyError.message });
  if (fastifyError.statusCode === 413) {
    // The route's own limit when known; a word in either language would not fill "{limit} bytes".
    return new AppError('blob.too_large', { limit: bodyLimit, detail: fastifyError.message });
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return new AppError('usage.invalid_argument', { detail: fastifyError.message });
  }
  return new AppError('internal.unexpected', {}, { cause: error });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error, request.routeOptions.bodyLimit);
    if (appError.http >= 500) request.log.error({ err: error, code: appError.code }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    const lang = pickLanguage(request.headers['accept-language']);
    return reply.status(appError.http).send(errorBody(appError, lang));
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const lang = pickLanguage(request.headers['accept-language']);
    return reply.status(404).send(errorBody(new AppError('not_found.route'), lang));
  });
}
