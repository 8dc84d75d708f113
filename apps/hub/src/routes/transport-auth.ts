import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@cds/domain';
import { createNonceStore, type DatabaseHandle, type HubDatabase } from '@cds/db';
import {
  checkBodyDigest,
  verifyFastifyRequest,
  type LookupTransportKey,
  type VerifiedRequest,
} from '@cds/transport';
import type { HubContext } from '../hub-context.js';

/** JSON bodies are hashed as received: the signature covers the bytes, not our re-serialisation. */
const BODY_SHA256 = Symbol('bodySha256');
type WithDigest = FastifyRequest & { [BODY_SHA256]?: string };

export const JSON_BODY_LIMIT = 256 * 1024;

export function parseJsonKeepingDigest(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT },
    (request, body, done) => {
      (request as WithDigest)[BODY_SHA256] = createHash('sha256')
        .update(body as Buffer)
        .digest('hex');
      try {
        done(null, JSON.parse((body as Buffer).toString('utf8')) as unknown);
      } catch {
        done(new AppError('validation.failed', { detail: 'the body is not JSON' }), undefined);
      }
    },
  );
}

export interface TransportAuth {
  /** Verifies the signature (and for JSON bodies the digest); `lookupKey` overrides the directory lookup. */
  verify(request: FastifyRequest, lookupKey?: LookupTransportKey): Promise<VerifiedRequest>;
}

export function createTransportAuth(
  context: HubContext,
  database: DatabaseHandle<HubDatabase>,
): TransportAuth {
  const nonces = createNonceStore(database.db, () => context.clock.now());
  const registeredKey: LookupTransportKey = async (keyid) => {
    const key = await context.registry.transportKey(keyid);
    if (!key || key.revokedAt !== null) return null;
    return { publicJwk: key.publicJwk, party: key.party };
  };
  return {
    async verify(request, lookupKey = registeredKey) {
      const verified = await verifyFastifyRequest(request, {
        lookupKey,
        nonces,
        now: () => context.clock.now(),
      });
      const digest = (request as WithDigest)[BODY_SHA256];
      if (digest !== undefined) checkBodyDigest(verified.contentDigest, digest);
      return verified;
    },
  };
}
