import type { NodeServices } from '../node-services.js';
import { HELP_CONTACTS_SETTING, type HelpContacts } from './show-help-info.js';

/** 設定: the help desk numbers 說明 and the login page show (SPEC §6). */
export async function setHelpContacts(
  services: NodeServices,
  contacts: HelpContacts,
  actor: string,
): Promise<HelpContacts> {
  const clean = { websams: contacts.websams.trim(), cds: contacts.cds.trim() };
  await services.repos.settings.set(HELP_CONTACTS_SETTING, JSON.stringify(clean));
  await services.repos.securityEvents.record({
    id: services.keys.ids.next(),
    at: services.keys.clock.now(),
    kind: 'help.contacts_changed',
    actor,
    detail: clean,
  });
  return clean;
}
