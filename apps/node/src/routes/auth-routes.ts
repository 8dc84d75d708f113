import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, rightsOf, type User } from '@cds/domain';
import type { CdsApp } from '@cds/http';
import type { NodeConfig } from '@cds/platform';
import { changePassword } from '../auth/change-password.js';
import { clearSessionCookie, requireSession, sessionOf, setSessionCookie } from '../auth/http-auth.js';
import { logIn } from '../auth/log-in.js';
import { logOut } from '../auth/log-out.js';
import { updateOwnLanguage } from '../auth/update-own-language.js';

/** Login attempts one address may make per minute before the database lockout even looks. */
const LOGIN_ATTEMPTS_PER_MINUTE = 30;

const langSchema = z.enum(['zh-HK', 'en']);

export const meSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  groups: z.array(z.string()),
  rights: z.array(z.string()),
  mustChangePassword: z.boolean(),
  lang: langSchema.nullable(),
  party: z.string(),
  nodeRole: z.enum(['school', 'agency']),
});

function me(user: User, config: NodeConfig): z.infer<typeof meSchema> {
  return {
    username: user.username,
    displayName: user.displayName,
    groups: [...user.groups],
    rights: [...rightsOf(user.groups)],
    mustChangePassword: user.mustChangePassword,
    lang: user.lang,
    party: config.party,
    nodeRole: config.nodeRole,
  };
}

/**
 * 登入 / 登出 / 更改密碼 and what the login page shows before anyone logs in. The session routes
 * admit a user who must still change an administrator-set password; nothing else does.
 */
export async function registerAuthRoutes(
  app: CdsApp,
  config: NodeConfig,
  version: string,
  /** The printed name (`party.name` setting), shown beside the code; null when none was set. */
  partyName: () => Promise<string | null> = () => Promise.resolve(null),
): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    // Thrown, so the one error handler answers in the user's language with a stable code.
    errorResponseBuilder: (_request, context) =>
      new AppError('auth.address_locked', { minutes: Math.max(1, Math.ceil(context.ttl / 60_000)) }),
  });
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const allowPasswordChange = requireSession({ allowPasswordChange: true });

  typed.get(
    '/api/info',
    {
      schema: {
        response: {
          200: z.object({
            party: z.string(),
            nodeRole: z.enum(['school', 'agency']),
            version: z.string(),
            name: z.string().nullable(),
          }),
        },
      },
    },
    async () => ({ party: config.party, nodeRole: config.nodeRole, version, name: await partyName() }),
  );

  typed.post(
    '/api/session',
    {
      config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const result = await logIn(app.cdsAuth, { ...request.body, address: request.ip });
      setSessionCookie(request, reply, result.token);
      return me(result.user, config);
    },
  );

  typed.get(
    '/api/session',
    { onRequest: allowPasswordChange, schema: { response: { 200: meSchema } } },
    (request) => me(sessionOf(request).user, config),
  );

  typed.delete('/api/session', { onRequest: allowPasswordChange }, async (request, reply) => {
    await logOut(app.cdsAuth, sessionOf(request));
    clearSessionCookie(request, reply);
    return reply.status(204).send();
  });

  typed.put(
    '/api/session/password',
    {
      onRequest: allowPasswordChange,
      schema: { body: z.object({ current: z.string().min(1).max(256), next: z.string().min(1).max(256) }) },
    },
    async (request, reply) => {
      try {
        await changePassword(app.cdsAuth, sessionOf(request), request.body);
      } catch (error) {
        // A lockout ended every session of the user, this one included.
        if (error instanceof AppError && error.code === 'auth.user_locked')
          clearSessionCookie(request, reply);
        throw error;
      }
      return reply.status(204).send();
    },
  );

  typed.put(
    '/api/session/lang',
    { onRequest: allowPasswordChange, schema: { body: z.object({ lang: langSchema }) } },
    async (request, reply) => {
      await updateOwnLanguage(app.cdsAuth, sessionOf(request), request.body.lang);
      return reply.status(204).send();
    },
  );
}
