import type { FastifyRequest } from 'fastify';
import type { Right } from '@cds/domain';

/**
 * How the transmission and log routes are authorised, handed in by the node's route composition
 * (`routes/index.ts`): `require` is the session + right pre-handler of SPEC §7 (`requireRight` of
 * `auth/http-auth.ts`), run as `onRequest`; `actor` names the logged-in user for the lease holder and
 * the CDS log. The routes themselves never decide who may call them.
 */
export interface RouteGuard {
  require(right: Right): (request: FastifyRequest) => Promise<void>;
  actor(request: FastifyRequest): string;
}
