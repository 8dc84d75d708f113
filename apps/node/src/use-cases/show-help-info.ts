import { isAgencyCode } from '@cds/domain';
import type { NodeServices } from '../node-services.js';

/** Where 設定 keeps the help desk numbers (SPEC §6: configurable, defaults from the original). */
export const HELP_CONTACTS_SETTING = 'help.contacts';

export interface HelpContacts {
  readonly websams: string;
  readonly cds: string;
}

export const DEFAULT_HELP_CONTACTS: HelpContacts = { websams: '2166 1150', cds: '3464 0550' };

export interface AgencyFingerprint {
  readonly party: string;
  readonly fingerprint: string;
  readonly validTo: number;
  readonly trust: 'first' | 'chained' | 'confirmed' | 'unconfirmed';
}

export interface HelpInfo {
  readonly contacts: HelpContacts;
  /** Each agency's newest key in this node's verified directory, to compare with what EDB publishes. */
  readonly agencies: readonly AgencyFingerprint[];
}

export async function helpContactsOf(services: NodeServices): Promise<HelpContacts> {
  const stored = await services.repos.settings.get(HELP_CONTACTS_SETTING);
  if (stored === null) return DEFAULT_HELP_CONTACTS;
  try {
    return { ...DEFAULT_HELP_CONTACTS, ...(JSON.parse(stored) as Partial<HelpContacts>) };
  } catch {
    return DEFAULT_HELP_CONTACTS;
  }
}

/** 說明 (SPEC §6): the help desk numbers and the agencies' key fingerprints. */
export async function showHelpInfo(services: NodeServices): Promise<HelpInfo> {
  const keys = await services.repos.directory.keys();
  const newest = new Map<string, AgencyFingerprint & { validFrom: number }>();
  for (const key of keys) {
    if (!isAgencyCode(key.party)) continue;
    const known = newest.get(key.party);
    if (!known || key.validFrom > known.validFrom) newest.set(key.party, key);
  }
  return {
    contacts: await helpContactsOf(services),
    agencies: [...newest.values()]
      .sort((a, b) => a.party.localeCompare(b.party))
      .map(({ party, fingerprint, validTo, trust }) => ({ party, fingerprint, validTo, trust })),
  };
}
