import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENCRYPTION_LEVELS, PRIORITIES } from '@cds/domain';
import { MAX_DESCRIPTION_CHARS } from '@cds/envelope';
import type { CdsApp } from '@cds/http';
import { requireRight } from '../auth/http-auth.js';
import { screenOutgoing } from '../messages/outgoing-access.js';
import { outgoingView } from '../messages/message-view.js';
import { hubClientFor } from '../node-hub-client.js';
import type { NodeServices } from '../node-services.js';
import { archiveMessages } from '../use-cases/archive-messages.js';
import { createOutgoingMessage } from '../use-cases/create-outgoing-message.js';
import { deleteMessages } from '../use-cases/delete-messages.js';
import { listExportableMessages } from '../use-cases/list-exportable-messages.js';
import { modifyOutgoingMessage } from '../use-cases/modify-outgoing-message.js';
import { rejectOutgoingMessage } from '../use-cases/reject-outgoing-message.js';
import { resendMessages } from '../use-cases/resend-messages.js';
import { sealMessages } from '../use-cases/seal-messages.js';
import { showOutgoingMessage } from '../use-cases/show-outgoing-message.js';
import { registerOutgoingAttachmentRoutes } from './outgoing-attachment-routes.js';
import { actorOf, inSelectionOrder, presentOutcomes } from './outgoing-present.js';

const MAX_SELECTION = 500;
const id = z.string().trim().toLowerCase().min(1).max(64);
const selection = z.object({ ids: z.array(id).min(1).max(MAX_SELECTION) });

/** The fields of 編修訊息 (SPEC §3): the use case applies the envelope's rules to them. */
const messageFields = z.object({
  to: z.array(z.string().trim().min(1).max(16)).min(1).max(5000),
  subject: z.string().min(1).max(16),
  type: z.string().min(1).max(16),
  description: z.string().trim().min(1).max(MAX_DESCRIPTION_CHARS),
  priority: z.enum(PRIORITIES).default('NORMAL'),
  encryptionLevel: z.enum(ENCRYPTION_LEVELS).default('RESTRICTED'),
  schoolReference: z.string().trim().max(100).nullable().default(null),
  replyDeadline: z.iso.datetime({ offset: true }).nullable().default(null),
});

const deadlineOf = (value: string | null): number | null => (value === null ? null : Date.parse(value));

/**
 * 寄發訊息 beyond the list (SPEC §3.1, §7): 編修訊息 (add, view, modify; attachments in
 * outgoing-attachment-routes.ts), 處理訊息 (seal a selection with one School Key entry, reject with a
 * reason, resend), delete, archive / un-archive, and 匯出訊息's list. Owner rules are checked per
 * message; the state machine refuses what the status does not allow.
 */
export function registerOutgoingRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const own = requireRight('cds.outgoing.own');
  const keyHolder = requireRight('cds.outgoing.process');

  typed.post(
    '/api/messages/outgoing',
    { onRequest: own, schema: { body: messageFields } },
    async (request, reply) => {
      const { replyDeadline, ...fields } = request.body;
      const message = await createOutgoingMessage(services, {
        ...fields,
        replyDeadline: deadlineOf(replyDeadline),
        attachments: [],
        owner: actorOf(request).username,
      });
      return reply.code(201).send({ ...outgoingView(message), version: message.version });
    },
  );

  typed.get(
    '/api/messages/outgoing/:id',
    { onRequest: own, schema: { params: z.object({ id }) } },
    (request) => showOutgoingMessage(services, actorOf(request), request.params.id),
  );

  typed.put(
    '/api/messages/outgoing/:id',
    {
      onRequest: own,
      schema: {
        params: z.object({ id }),
        body: messageFields.extend({ version: z.number().int().min(1) }),
      },
    },
    async (request) => {
      const { replyDeadline, ...fields } = request.body;
      const message = await modifyOutgoingMessage(services, actorOf(request), {
        ...fields,
        id: request.params.id,
        replyDeadline: deadlineOf(replyDeadline),
      });
      return { ...outgoingView(message), version: message.version };
    },
  );

  typed.post(
    '/api/messages/outgoing/seal',
    {
      onRequest: keyHolder,
      schema: { body: selection.extend({ schoolKey: z.string().min(1).max(1024) }) },
    },
    async (request) => {
      const outcomes = await sealMessages(services, {
        ids: request.body.ids,
        schoolKey: Buffer.from(request.body.schoolKey, 'utf8'),
        actor: `web:${actorOf(request).username}`,
        hubClient: () => hubClientFor(services),
      });
      return presentOutcomes(request, outcomes);
    },
  );

  typed.post(
    '/api/messages/outgoing/:id/reject',
    { onRequest: keyHolder, schema: { params: z.object({ id }), body: z.object({ reason: z.string() }) } },
    async (request) => {
      const message = await rejectOutgoingMessage(services, {
        id: request.params.id,
        reason: request.body.reason,
        actor: `web:${actorOf(request).username}`,
      });
      return { ...outgoingView(message), version: message.version };
    },
  );

  typed.post(
    '/api/messages/outgoing/resend',
    { onRequest: keyHolder, schema: { body: selection } },
    async (request) =>
      presentOutcomes(
        request,
        await resendMessages(services, { ids: request.body.ids, actor: `web:${actorOf(request).username}` }),
      ),
  );

  typed.post(
    '/api/messages/outgoing/delete',
    { onRequest: own, schema: { body: selection } },
    async (request) => {
      const actor = actorOf(request);
      const { allowed, refused } = await screenOutgoing(services, actor, request.body.ids, 'delete');
      const done =
        allowed.length === 0
          ? []
          : await deleteMessages(services, { ids: allowed, actor: `web:${actor.username}` });
      return presentOutcomes(request, inSelectionOrder(request.body.ids, [...done, ...refused]));
    },
  );

  typed.post(
    '/api/messages/outgoing/archive',
    { onRequest: own, schema: { body: selection.extend({ archived: z.boolean() }) } },
    async (request) => {
      const { ids, archived } = request.body;
      const action = archived ? 'archive' : 'unarchive';
      const { allowed, refused } = await screenOutgoing(services, actorOf(request), ids, action);
      const done = allowed.length === 0 ? [] : await archiveMessages(services, { ids: allowed, archived });
      return presentOutcomes(request, inSelectionOrder(ids, [...done, ...refused]));
    },
  );

  typed.get(
    '/api/exports',
    {
      onRequest: requireRight('cds.exportImport'),
      schema: {
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(MAX_SELECTION).default(100),
          after: z.string().min(1).max(512).optional(),
        }),
      },
    },
    (request) => listExportableMessages(services, request.query),
  );

  registerOutgoingAttachmentRoutes(app, services);
}
