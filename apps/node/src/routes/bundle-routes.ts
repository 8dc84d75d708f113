import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import { BUNDLE_MEDIA_TYPE, BUNDLE_NAME_FIELD } from '@cds/contracts';
import { MAX_BUNDLE_MESSAGES } from '@cds/bundle';
import { hongKongDay } from '@cds/platform';
import type { CdsApp } from '@cds/http';
import { requireRight, sessionOf } from '../auth/http-auth.js';
import type { NodeServices } from '../node-services.js';
import { exportMessages } from '../use-cases/export-messages.js';
import { importBundle } from '../use-cases/import-bundle.js';

/** An export-for bundle holds a school's waiting deliveries; far below a full disk. */
const MAX_IMPORT_BYTES = 8 * 1024 ** 3;

function capped(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(
        seen > limit ? new AppError('bundle.too_large', { entry: 'the bundle', size: seen, limit }) : null,
        chunk,
      );
    },
  });
}

function decodedName(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * 匯出訊息 and 匯入訊息 for the web app (SPEC §5, exercise 4 of the training slides). Both need
 * `cds.exportImport`; exporting is also the key holder's (`cds.outgoing.process`), which the same
 * groups hold (SPEC §7), and the use case's state machine refuses anything but SEND_FAIL.
 */
export function registerBundleRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(BUNDLE_MEDIA_TYPE, (_request, payload, done) => done(null, payload));

  typed.post(
    '/api/exports',
    {
      onRequest: requireRight('cds.exportImport'),
      schema: { body: z.object({ ids: z.array(z.string().max(64)).min(1).max(MAX_BUNDLE_MESSAGES) }) },
    },
    async (request, reply) => {
      const { user } = sessionOf(request);
      const dir = await mkdtemp(join(tmpdir(), 'cds-export-'));
      const name = `cds-export-${services.config.party}-${hongKongDay(Date.now())}-${randomUUID().slice(0, 8)}.zip`;
      try {
        const result = await exportMessages(services, {
          ids: request.body.ids,
          out: join(dir, name),
          actor: `web:${user.username}`,
        });
        const outcome = (o: (typeof result.outcomes)[number]) =>
          o.ok ? `${o.id}:ok` : `${o.id}:${o.error.code}`;
        const stream = createReadStream(result.file);
        // The file goes once it has been sent (or the client has gone).
        stream.on('close', () => void rm(dir, { recursive: true, force: true }));
        return reply
          .header('content-type', BUNDLE_MEDIA_TYPE)
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('content-length', String(result.size))
          .header('cds-export-outcomes', result.outcomes.map(outcome).join(','))
          .send(stream);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    },
  );

  typed.post('/api/imports', { onRequest: requireRight('cds.exportImport') }, async (request) => {
    const { user } = sessionOf(request);
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== BUNDLE_MEDIA_TYPE) {
      throw new AppError('validation.failed', { detail: `a bundle is ${BUNDLE_MEDIA_TYPE}` });
    }
    const dir = await mkdtemp(join(tmpdir(), 'cds-import-'));
    try {
      const file = join(dir, 'bundle.zip');
      const body = (request.body as Readable | undefined) ?? request.raw;
      await pipeline(body, capped(MAX_IMPORT_BYTES), createWriteStream(file, { mode: 0o600 }));
      // Header values are Latin-1: the web app sends the file's own name percent-encoded (RFC 3986).
      const name = decodedName(request.headers[BUNDLE_NAME_FIELD]);
      const result = await importBundle(services, {
        file,
        actor: `web:${user.username}`,
        ...(typeof name === 'string' && name.length <= 255 ? { name } : {}),
      });
      return { messages: result.messages };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
