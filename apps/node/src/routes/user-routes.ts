import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_RIGHTS_MATRIX, RIGHTS, type User } from '@cds/domain';
import type { CdsApp } from '@cds/http';
import { addUser } from '../auth/add-user.js';
import { requireRight, sessionOf } from '../auth/http-auth.js';
import { listUsers } from '../auth/list-users.js';
import { resetPassword } from '../auth/reset-password.js';
import { updateUser } from '../auth/update-user.js';

const usernameParam = z.object({ username: z.string().min(1).max(64) });
const groupsSchema = z.array(z.string().max(32)).min(1).max(6);

export const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  groups: z.array(z.string()),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

function userView(user: User): z.infer<typeof userSchema> {
  return {
    username: user.username,
    displayName: user.displayName,
    groups: [...user.groups],
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    createdAt: new Date(user.createdAt).toISOString(),
    lastLoginAt: user.lastLoginAt === null ? null : new Date(user.lastLoginAt).toISOString(),
  };
}

/** 用戶管理: users and the groups this node offers, for holders of admin.users only. */
export function registerUserRoutes(app: CdsApp): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const admin = requireRight('admin.users');
  const actor = (request: Parameters<typeof sessionOf>[0]) => sessionOf(request).user.username;

  typed.get(
    '/api/users',
    { onRequest: admin, schema: { response: { 200: z.array(userSchema) } } },
    async () => (await listUsers(app.cdsAuth)).map(userView),
  );

  typed.get(
    '/api/groups',
    {
      onRequest: admin,
      schema: { response: { 200: z.array(z.object({ code: z.string(), rights: z.array(z.string()) })) } },
    },
    () =>
      app.cdsAuth.groups.map((group) => ({
        code: group,
        rights: RIGHTS.entries
          .map((entry) => entry.code)
          .filter((right) => DEFAULT_RIGHTS_MATRIX[right].includes(group)),
      })),
  );

  typed.post(
    '/api/users',
    {
      onRequest: admin,
      schema: {
        body: z.object({
          username: z.string().min(1).max(64),
          displayName: z.string().max(200).optional(),
          groups: groupsSchema,
          password: z.string().min(1).max(256),
        }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const user = await addUser(app.cdsAuth, {
        ...request.body,
        mustChangePassword: true,
        actor: actor(request),
      });
      return reply.status(201).send(userView(user));
    },
  );

  typed.patch(
    '/api/users/:username',
    {
      onRequest: admin,
      schema: {
        params: usernameParam,
        body: z.object({
          displayName: z.string().max(200).optional(),
          groups: groupsSchema.optional(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: userSchema },
      },
    },
    async (request) =>
      userView(
        await updateUser(app.cdsAuth, {
          username: request.params.username,
          ...request.body,
          actor: actor(request),
        }),
      ),
  );

  typed.put(
    '/api/users/:username/password',
    {
      onRequest: admin,
      schema: { params: usernameParam, body: z.object({ password: z.string().min(1).max(256) }) },
    },
    async (request, reply) => {
      await resetPassword(app.cdsAuth, {
        username: request.params.username,
        password: request.body.password,
        actor: actor(request),
      });
      return reply.status(204).send();
    },
  );
}
