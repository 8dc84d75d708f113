import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SYSTEM_NOTICE_KINDS, type MaintenanceNotice, type Notice, type SystemNoticeKind } from '@cds/domain';
import type { CdsApp } from '@cds/http';
import { requireRight, requireSession, sessionOf } from '../auth/http-auth.js';
import type { NodeServices } from '../node-services.js';
import { deleteMaintenanceNotice } from '../use-cases/delete-maintenance-notice.js';
import { dismissNotice } from '../use-cases/dismiss-notice.js';
import { listMaintenanceNotices } from '../use-cases/list-maintenance-notices.js';
import { listNotices } from '../use-cases/list-notices.js';
import { saveMaintenanceNotice } from '../use-cases/save-maintenance-notice.js';
import { setNoticeConfig, type NoticeConfigInput } from '../use-cases/set-notice-config.js';
import { showNoticeConfig } from '../use-cases/show-notice-config.js';

const iso = (ms: number) => new Date(ms).toISOString();
const groups = z.array(z.string().max(32)).max(8);
const kindSetting = z.object({ groups, dismissible: z.boolean() });
const configBody = z.object(
  Object.fromEntries(SYSTEM_NOTICE_KINDS.map((kind) => [kind, kindSetting])) as Record<
    SystemNoticeKind,
    typeof kindSetting
  >,
);
const maintenanceBody = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().max(4000),
  validFrom: z.iso.datetime({ offset: true }),
  validTo: z.iso.datetime({ offset: true }),
  groups,
  dismissible: z.boolean(),
});
const idParam = z.object({ id: z.string().min(1).max(64) });

function noticeView(notice: Notice) {
  return {
    id: notice.id,
    kind: notice.kind,
    dismissible: notice.dismissible,
    value: notice.value,
    ...(notice.kind === 'maintenance'
      ? { title: notice.title ?? '', body: notice.body ?? '', validTo: iso(notice.validTo ?? 0) }
      : {}),
  };
}

function maintenanceView(notice: MaintenanceNotice) {
  return {
    ...notice,
    validFrom: iso(notice.validFrom),
    validTo: iso(notice.validTo),
    createdAt: iso(notice.createdAt),
    updatedAt: iso(notice.updatedAt),
  };
}

const userOf = (request: FastifyRequest) => {
  const { user } = sessionOf(request);
  return { username: user.username, groups: user.groups };
};

/**
 * 通知 (SPEC §6): a user's notices and header alerts, 不再顯示, and 維護通知 (the per-kind
 * audience and dismissibility, and the notices administrators write), `cds.notification.maintain`.
 */
export function registerNoticeRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const maintain = requireRight('cds.notification.maintain');

  typed.get('/api/notices', { onRequest: requireSession() }, async (request) => {
    const { notices, alerts } = await listNotices(services, userOf(request));
    return { notices: notices.map(noticeView), alerts };
  });

  typed.post(
    '/api/notices/dismissals',
    { onRequest: requireSession(), schema: { body: z.object({ id: z.string().min(1).max(200) }) } },
    async (request, reply) => {
      await dismissNotice(services, userOf(request), request.body.id);
      return reply.status(204).send();
    },
  );

  typed.get('/api/notices/config', { onRequest: maintain }, () => showNoticeConfig(services));

  typed.put(
    '/api/notices/config',
    { onRequest: maintain, schema: { body: configBody } },
    async (request) => ({
      config: await setNoticeConfig(
        services,
        request.body as NoticeConfigInput,
        sessionOf(request).user.username,
      ),
    }),
  );

  typed.get('/api/notices/maintenance', { onRequest: maintain }, async () =>
    (await listMaintenanceNotices(services)).map(maintenanceView),
  );

  const input = (body: z.infer<typeof maintenanceBody>) => ({
    ...body,
    validFrom: Date.parse(body.validFrom),
    validTo: Date.parse(body.validTo),
  });

  typed.post(
    '/api/notices/maintenance',
    { onRequest: maintain, schema: { body: maintenanceBody } },
    async (request, reply) => {
      const saved = await saveMaintenanceNotice(
        services,
        input(request.body),
        sessionOf(request).user.username,
      );
      return reply.status(201).send(maintenanceView(saved));
    },
  );

  typed.put(
    '/api/notices/maintenance/:id',
    { onRequest: maintain, schema: { params: idParam, body: maintenanceBody } },
    async (request) =>
      maintenanceView(
        await saveMaintenanceNotice(
          services,
          input(request.body),
          sessionOf(request).user.username,
          request.params.id,
        ),
      ),
  );

  typed.delete(
    '/api/notices/maintenance/:id',
    { onRequest: maintain, schema: { params: idParam } },
    async (request, reply) => {
      await deleteMaintenanceNotice(services, request.params.id);
      return reply.status(204).send();
    },
  );
}
