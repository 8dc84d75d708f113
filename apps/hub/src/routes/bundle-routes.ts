import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@cds/domain';
import { BUNDLE_MEDIA_TYPE, BUNDLE_NAME_FIELD, bundlePaths, ingestResponseSchema } from '@cds/contracts';
import type { CdsApp } from '@cds/http';
import type { HubContext } from '../hub-context.js';
import { ingestBundle } from '../use-cases/ingest-bundle.js';

/** Far above any real export (a school's failed messages), far below a full disk. */
export const MAX_BUNDLE_UPLOAD_BYTES = 8 * 1024 ** 3;

/** The bundle reaches the handler as the raw request stream, like an upload's payload. */
export function streamZipBodies(app: FastifyInstance): void {
  app.addContentTypeParser(BUNDLE_MEDIA_TYPE, (_request, payload, done) => done(null, payload));
}

function capped(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) {
        done(new AppError('bundle.too_large', { entry: 'the bundle', size: seen, limit }));
        return;
      }
      done(null, chunk);
    },
  });
}

/** A zip is read from its end, so the body goes to a private temporary file first. */
async function spool(request: FastifyRequest, dir: string): Promise<string> {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== BUNDLE_MEDIA_TYPE) {
    throw new AppError('validation.failed', { detail: `a bundle is ${BUNDLE_MEDIA_TYPE}` });
  }
  const file = join(dir, `${randomUUID()}.zip`);
  const body = (request.body as Readable | undefined) ?? request.raw;
  await pipeline(body, capped(MAX_BUNDLE_UPLOAD_BYTES), createWriteStream(file, { mode: 0o600 }));
  return file;
}

/**
 * POST /v1/bundles: 中央伺服器 ingest of a school's export (SPEC §5). No transport signature is asked
 * for: the bundle carries its own, by the exporting school's registered transport key, over a
 * manifest binding every header and payload, and each header is checked as an upload's is — so
 * whoever carries the file proves nothing and can change nothing. The hub console's operator
 * sign-in (HUB_OPERATOR, SPEC §7) will sit in front of this route when the console lands.
 */
export function registerBundleRoutes(app: CdsApp, context: HubContext): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    bundlePaths.ingest,
    { schema: { response: { 200: ingestResponseSchema } }, bodyLimit: MAX_BUNDLE_UPLOAD_BYTES },
    async (request) => {
      const dir = await mkdtemp(join(tmpdir(), 'cds-ingest-'));
      try {
        const file = await spool(request, dir);
        const name = request.headers[BUNDLE_NAME_FIELD];
        const result = await ingestBundle(context, {
          file,
          actor: `http:${request.ip}`,
          ...(typeof name === 'string' && name.length <= 255 ? { name } : {}),
        });
        return { party: result.party, messages: [...result.messages] };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}
