import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertRight } from '@cds/domain';
import { errorBody, pickLanguage, type CdsApp } from '@cds/http';
import { requireRight, sessionOf } from '../auth/http-auth.js';
import type { MessageOutcome } from '../messages/outcome.js';
import type { NodeServices } from '../node-services.js';
import { archiveMessages } from '../use-cases/archive-messages.js';
import { decryptIncoming } from '../use-cases/decrypt-incoming.js';
import { deleteMessages } from '../use-cases/delete-messages.js';
import { listIncoming } from '../use-cases/list-incoming.js';
import { markIncomingRead } from '../use-cases/mark-incoming-read.js';
import { openIncomingAttachment } from '../use-cases/open-incoming-attachment.js';
import { replyToIncoming } from '../use-cases/reply-to-incoming.js';
import { onIncomingOnly } from '../use-cases/select-incoming.js';
import { showIncomingMessage } from '../use-cases/show-incoming-message.js';

const ID = z
  .string()
  .regex(/^[0-9a-fA-F-]{36}$/, 'a message id is a UUID')
  .transform((id) => id.toLowerCase());
const IDS = z.object({ ids: z.array(ID).min(1).max(500) });
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const CODE = z.string().regex(/^[A-Za-z_]{1,20}$/, 'a code');

/** The 接收訊息 list's criteria (SPEC §6): the search use case checks codes and days by name. */
const listQuery = z.object({
  status: z.string().max(200).optional(),
  text: z.string().max(200).optional(),
  party: z.string().max(20).optional(),
  subject: CODE.optional(),
  type: CODE.optional(),
  from: DAY.optional(),
  to: DAY.optional(),
  archived: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().min(1).max(512).optional(),
});

/** A multi-selection's result per message: what it is now, or why it was left as it was. */
function presentOutcomes<T extends object>(
  request: FastifyRequest,
  outcomes: readonly MessageOutcome<T>[],
  statusOf: (outcome: T) => string,
) {
  const lang = pickLanguage(request.headers['accept-language']);
  return {
    outcomes: outcomes.map((o) =>
      o.ok
        ? { id: o.id, ok: true, status: statusOf(o) }
        : { id: o.id, ok: false, ...errorBody(o.error, lang) },
    ),
  };
}

/**
 * 接收訊息 and 已庫存接收訊息 for the web app (SPEC §3.2, §6, §7): list with search and keyset pages,
 * one message, mark read / unread, decrypt a selection with one School Key entry, attachments by
 * encryption level, reply, delete, archive. Each route names its right; the use cases ask the state
 * machine, so what the screen hides the server refuses anyway.
 */
export function registerIncomingRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/messages/incoming',
    { onRequest: requireRight('cds.incoming.view'), schema: { querystring: listQuery } },
    async (request) => {
      const { user } = sessionOf(request);
      const q = request.query;
      // 已庫存接收訊息 is the archivist's list (its menu item needs cds.archive).
      if (q.archived === 'true') assertRight(user.groups, 'cds.archive');
      return listIncoming(services, {
        archived: q.archived === 'true',
        limit: q.limit,
        after: q.after ?? null,
        ...(q.status ? { status: q.status.split(',').filter((s) => s !== '') } : {}),
        ...(q.text?.trim() ? { text: q.text.trim() } : {}),
        ...(q.party?.trim() ? { party: q.party.trim().toUpperCase() } : {}),
        ...(q.subject ? { subject: q.subject } : {}),
        ...(q.type ? { type: q.type } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
      });
    },
  );

  typed.get(
    '/api/messages/incoming/:id',
    { onRequest: requireRight('cds.incoming.view'), schema: { params: z.object({ id: ID }) } },
    async (request) =>
      showIncomingMessage(services, { id: request.params.id, groups: sessionOf(request).user.groups }),
  );

  typed.get(
    '/api/messages/incoming/:id/attachments/:ordinal',
    {
      onRequest: requireRight('cds.incoming.view'),
      schema: { params: z.object({ id: ID, ordinal: z.coerce.number().int().min(1).max(10_000) }) },
    },
    async (request, reply) => {
      const { attachment, content } = await openIncomingAttachment(services, {
        id: request.params.id,
        ordinal: request.params.ordinal,
        groups: sessionOf(request).user.groups,
      });
      // The sender's name is only a suggestion to the browser: quoted ASCII plus the RFC 5987 form.
      const ascii = attachment.displayName.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('content-type', 'application/octet-stream')
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.displayName)}`,
        )
        .header('content-length', String(attachment.size))
        .send(content);
    },
  );

  typed.post(
    '/api/messages/incoming/read',
    {
      onRequest: requireRight('cds.incoming.view'),
      schema: { body: IDS.extend({ read: z.boolean() }) },
    },
    async (request) =>
      presentOutcomes(request, await markIncomingRead(services, request.body), (o) => o.message.status),
  );

  typed.post(
    '/api/messages/incoming/decrypt',
    {
      onRequest: requireRight('cds.incoming.decrypt'),
      schema: { body: IDS.extend({ schoolKey: z.string().min(1).max(1024) }) },
    },
    async (request) => {
      const { user } = sessionOf(request);
      const schoolKey = Buffer.from(request.body.schoolKey, 'utf8');
      try {
        const outcomes = await decryptIncoming(services, {
          ids: request.body.ids,
          schoolKey,
          actor: `web:${user.username}`,
        });
        return presentOutcomes(request, outcomes, (o) => o.message.status);
      } finally {
        schoolKey.fill(0);
      }
    },
  );

  typed.post(
    '/api/messages/incoming/:id/reply',
    { onRequest: requireRight('cds.incoming.reply'), schema: { params: z.object({ id: ID }) } },
    async (request, reply) => {
      const { user } = sessionOf(request);
      const created = await replyToIncoming(services, {
        id: request.params.id,
        owner: user.username,
        groups: user.groups,
      });
      return reply.status(201).send({ id: created.id, status: created.status, to: created.to });
    },
  );

  typed.post(
    '/api/messages/incoming/delete',
    { onRequest: requireRight('cds.incoming.delete'), schema: { body: IDS } },
    async (request) => {
      const actor = `web:${sessionOf(request).user.username}`;
      const outcomes = await onIncomingOnly(services, request.body.ids, (ids) =>
        deleteMessages(services, { ids, actor }),
      );
      return presentOutcomes(request, outcomes, (o) => o.message.status);
    },
  );

  typed.post(
    '/api/messages/incoming/archive',
    { onRequest: requireRight('cds.archive'), schema: { body: IDS.extend({ archived: z.boolean() }) } },
    async (request) => {
      const { archived } = request.body;
      const outcomes = await onIncomingOnly(services, request.body.ids, (ids) =>
        archiveMessages(services, { ids, archived }),
      );
      return presentOutcomes(request, outcomes, (o) => o.message.status);
    },
  );
}
