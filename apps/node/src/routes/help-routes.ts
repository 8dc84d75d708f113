import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CdsApp } from '@cds/http';
import { requireRight, requireSession, sessionOf } from '../auth/http-auth.js';
import type { NodeServices } from '../node-services.js';
import { setHelpContacts } from '../use-cases/set-help-contacts.js';
import { helpContactsOf, showHelpInfo } from '../use-cases/show-help-info.js';

/** A telephone number as people write it: digits, spaces, +, -, parentheses. */
const phone = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[0-9 +()-]+$/, 'digits, spaces, + - ( ) only');

/** 說明 (SPEC §6): help desk numbers and the agencies' key fingerprints; the numbers set in 設定. */
export function registerHelpRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  // Public: the login page names the CDS help desk to someone who cannot log in (SPEC §6). Only
  // that number, as set in 設定 — nothing about this node's directory or users.
  typed.get('/api/help/desk', { schema: { response: { 200: z.object({ cds: z.string() }) } } }, async () => ({
    cds: (await helpContactsOf(services)).cds,
  }));

  typed.get('/api/help', { onRequest: requireSession() }, async () => {
    const info = await showHelpInfo(services);
    return {
      ...info,
      agencies: info.agencies.map((agency) => ({
        ...agency,
        validTo: new Date(agency.validTo).toISOString(),
      })),
    };
  });

  typed.put(
    '/api/help/contacts',
    { onRequest: requireRight('cds.settings'), schema: { body: z.object({ websams: phone, cds: phone }) } },
    async (request) => ({
      contacts: await setHelpContacts(services, request.body, sessionOf(request).user.username),
    }),
  );
}
