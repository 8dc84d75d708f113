import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { AppError, assertRight, type Right } from '@cds/domain';
import { audit, type AuthContext } from './auth-context.js';
import { resolveSession, type ActiveSession } from './resolve-session.js';

declare module 'fastify' {
  interface FastifyInstance {
    cdsAuth: AuthContext;
  }
  interface FastifyRequest {
    /** Set by requireSession / requireRight once the cookie resolved to a live session. */
    cdsSession: ActiveSession | null;
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** SPEC §11: the party is in the name (`cds_sid_123456`), so two nodes on one host never mix sessions. */
export function sessionCookieName(party: string): string {
  return `cds_sid_${party}`;
}

/** Secure everywhere except plain http on this machine, where a browser would refuse to store it. */
function cookieOptions(request: FastifyRequest, maxAgeSeconds: number) {
  const insecureLoopback = request.protocol === 'http' && LOOPBACK.test(request.host);
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: !insecureLoopback,
    maxAge: maxAgeSeconds,
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const { absoluteMs } = request.server.cdsAuth.sessionPolicy;
  reply.setCookie(
    sessionCookieName(request.server.cdsAuth.party),
    token,
    cookieOptions(request, absoluteMs / 1000),
  );
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request.server.cdsAuth.party), cookieOptions(request, 0));
}

/**
 * Cookies, the session lookup and the exact-Origin rule (SPEC §11) for the whole node app: a state-
 * changing request must carry an Origin equal to this server's own scheme, host and port, which a
 * page from anywhere else cannot forge (SameSite=Strict is the second layer).
 */
export async function installAuth(app: FastifyInstance, context: AuthContext): Promise<void> {
  await app.register(cookie);
  app.decorate('cdsAuth', context);
  app.decorateRequest('cdsSession', null);
  app.addHook('onRequest', (request, _reply, done) => {
    const origin = request.headers.origin;
    if (SAFE_METHODS.has(request.method) || origin === `${request.protocol}://${request.host}`) done();
    else done(new AppError('auth.origin_mismatch', { origin: origin ?? '(none)' }));
  });
}

/** The live session of the request, resolving the cookie once per request. */
export async function authenticate(request: FastifyRequest): Promise<ActiveSession> {
  if (request.cdsSession !== null) return request.cdsSession;
  const context = request.server.cdsAuth;
  const active = await resolveSession(context, request.cookies[sessionCookieName(context.party)]);
  request.cdsSession = active;
  return active;
}

export function sessionOf(request: FastifyRequest): ActiveSession {
  if (request.cdsSession === null) throw new AppError('auth.unauthenticated');
  return request.cdsSession;
}

export type AuthHook = ((request: FastifyRequest) => Promise<void>) & {
  /** What the hook demands, for the route × group test and the OpenAPI document. */
  readonly access: Right | 'session' | 'session-password-change';
};

/**
 * Any logged-in user. `allowPasswordChange` admits a user who must still change the password set by
 * an administrator: only the session, password and logout routes do that.
 */
export function requireSession(options: { allowPasswordChange?: boolean } = {}): AuthHook {
  const hook = async (request: FastifyRequest) => {
    const active = await authenticate(request);
    if (active.user.mustChangePassword && options.allowPasswordChange !== true) {
      throw new AppError('auth.password_change_required');
    }
  };
  return Object.assign(hook, {
    access:
      options.allowPasswordChange === true ? ('session-password-change' as const) : ('session' as const),
  });
}

/**
 * The authorisation every node route uses: `onRequest: requireRight('cds.log')`. It runs before
 * the body is parsed or validated, so someone without the right learns nothing about the input
 * rules, and a refusal is in the audit trail.
 */
export function requireRight(right: Right): AuthHook {
  const session = requireSession();
  const hook = async (request: FastifyRequest) => {
    await session(request);
    const { user } = sessionOf(request);
    try {
      assertRight(user.groups, right);
    } catch (error) {
      await audit(request.server.cdsAuth, 'auth.forbidden', user.username, {
        right,
        route: `${request.method} ${request.routeOptions.url ?? request.url}`,
      });
      throw error;
    }
  };
  return Object.assign(hook, { access: right });
}
