import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CdsApp } from '@cds/http';
import { REPORTS } from '@cds/reports';
import { requireRight, sessionOf } from '../auth/http-auth.js';
import type { NodeServices } from '../node-services.js';
import { partyName, runReport } from '../use-cases/run-report.js';

/** Repeated query parameters arrive as an array, a single one as a string. */
const list = z
  .union([z.string().max(40), z.array(z.string().max(40)).max(20)])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

const reportQuery = z.object({
  from: z.string().max(20),
  to: z.string().max(20),
  format: z.string().max(10).default('pdf'),
  lang: z.enum(['zh-HK', 'en']).default('zh-HK'),
  status: list,
  subject: list,
  /** `inline` for the in-page preview, else a download. */
  disposition: z.enum(['inline', 'attachment']).default('attachment'),
});

/** 聯遞系統報告 (SPEC §6, issue #9): the nine reports, right `cds.report` only. */
export function registerReportRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = requireRight('cds.report');

  // What the report screen offers: each report, whether it lists messages of a box (then status
  // and subject apply) or key changes (date range only).
  typed.get('/api/reports', { onRequest }, async () => ({
    partyName: await partyName(services),
    reports: REPORTS.map((report) => ({
      slug: report.slug,
      title: report.title,
      kind: report.kind,
      box: report.source === 'messages' ? report.box : null,
    })),
  }));

  typed.get(
    '/api/reports/:slug',
    { onRequest, schema: { params: z.object({ slug: z.string().max(40) }), querystring: reportQuery } },
    async (request, reply) => {
      const { user } = sessionOf(request);
      const { status, subject, disposition, ...rest } = request.query;
      const report = await runReport(services, user, {
        slug: request.params.slug,
        ...rest,
        statuses: status,
        subjects: subject,
      });
      if (disposition === 'inline') {
        // The preview is this one response framed by the report screen: it may be framed by this
        // origin only (everything else keeps frame-ancestors 'none') and loads nothing itself.
        reply
          .header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
          .header('x-frame-options', 'SAMEORIGIN');
      }
      return reply
        .header('content-type', report.mediaType)
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `${disposition}; filename="${report.filename}"; filename*=UTF-8''${report.filename}`,
        )
        .send(report.stream());
    },
  );
}
