import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CdsApp } from '@cds/http';
import { requireRight } from '../auth/http-auth.js';
import { hubClientFor } from '../node-hub-client.js';
import type { NodeServices } from '../node-services.js';
import { changeNodeSchoolKey } from '../use-cases/change-node-school-key.js';
import { confirmDirectoryKey } from '../use-cases/confirm-directory-key.js';
import { listUnconfirmedKeys } from '../use-cases/list-unconfirmed-keys.js';
import { showSchoolKeys } from '../use-cases/show-school-keys.js';
import { submitKeyStatements } from '../use-cases/submit-key-statements.js';
import { actorOf, iso } from './present.js';

/** A School Key as typed: never trimmed or logged; the keys package judges its strength. */
const schoolKey = z.string().max(1024);
const changeBody = z
  .object({
    current: schoolKey.optional(),
    next: schoolKey.min(1),
    confirmation: schoolKey,
    reason: z.string().trim().max(200).optional(),
    recover: z.boolean().optional(),
  })
  .strict()
  .refine((body) => body.recover === true || (body.current ?? '') !== '', {
    message: 'the current School Key is required (only a recovery may go without it)',
    path: ['current'],
  });
/** The operator's code, printed XXXXX-XXXXX-XXXXX-XXXXX (Crockford base32; the hub judges it). */
export const approvalCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{5}(-?[0-9A-Za-z]{5}){3}$/, 'XXXXX-XXXXX-XXXXX-XXXXX');
const confirmBody = z
  .object({ party: z.string().trim().min(1).max(10), fingerprint: z.string().trim().min(16).max(80) })
  .strict();

/**
 * 學校密碼匙管理 (SPEC §2.1, right `cds.key`): the key pairs with validity and publication, 更改學校密碼匙
 * (or a recovery), 更改紀錄, submitting statements (a recovered key with the operator's approval
 * code), and 未核實的新密碼匙 — a key holder's confirmation of another party's unchained key (§2.3).
 */
export function registerKeyRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = requireRight('cds.key');

  typed.get('/api/keys', { onRequest }, async () => {
    const view = await showSchoolKeys(services);
    return {
      ...view,
      minLength: services.keys.policy.minLength,
      keys: view.keys.map((key) => ({ ...key, validFrom: iso(key.validFrom), validTo: iso(key.validTo) })),
    };
  });

  typed.post('/api/keys/change', { onRequest, schema: { body: changeBody } }, async (request) => {
    const body = request.body;
    const changed = await changeNodeSchoolKey(services, {
      current: body.current === undefined || body.current === '' ? null : Buffer.from(body.current, 'utf8'),
      next: Buffer.from(body.next, 'utf8'),
      confirmation: Buffer.from(body.confirmation, 'utf8'),
      actor: actorOf(request),
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.recover ? { recover: true } : {}),
    });
    const { key } = changed;
    return {
      publication: changed.publication,
      key: { ...key, validFrom: iso(key.validFrom), validTo: iso(key.validTo) },
    };
  });

  typed.get('/api/keys/history', { onRequest }, async () =>
    (await services.repos.keyChanges.list()).map((row) => ({
      ...row,
      at: iso(row.at),
      validFrom: iso(row.validFrom),
      validTo: iso(row.validTo),
    })),
  );

  typed.post(
    '/api/keys/publish',
    { onRequest, schema: { body: z.object({ code: approvalCode.optional() }).strict() } },
    async (request) =>
      submitKeyStatements(services, await hubClientFor(services), {
        ...(request.body.code === undefined ? {} : { code: request.body.code }),
      }),
  );

  typed.get('/api/directory/unconfirmed', { onRequest }, async () =>
    (await listUnconfirmedKeys(services)).map((key) => ({
      ...key,
      validFrom: iso(key.validFrom),
      validTo: iso(key.validTo),
    })),
  );

  typed.post(
    '/api/directory/confirm',
    { onRequest, schema: { body: confirmBody } },
    async (request, reply) => {
      await confirmDirectoryKey(services, { ...request.body, actor: actorOf(request) });
      return reply.code(204).send();
    },
  );
}
