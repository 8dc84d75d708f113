import { createReportSource } from '@cds/db';
import { generateReport, type ReportDownload } from '@cds/reports';
import type { NodeServices } from '../node-services.js';

/** The participant's printed name (report headers, the header of the web app); set by `cds node init --name`. */
export const PARTY_NAME_SETTING = 'party.name';

/** The printed name, or null when none was set (reports then print the code). */
export async function partyName(services: NodeServices): Promise<string | null> {
  return (await services.repos.settings.get(PARTY_NAME_SETTING)) || null;
}

export interface ReportUser {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
}

/**
 * 聯遞系統報告 for a web user (SPEC §6): the report use case of @cds/reports with this node's rows,
 * its printed name and the user in the footer. Authorisation and validation happen inside, before
 * anything is read; the caller streams the result.
 */
export async function runReport(
  services: NodeServices,
  user: ReportUser,
  request: unknown,
): Promise<ReportDownload> {
  const name = await partyName(services);
  return generateReport({ name: `${user.displayName} (${user.username})`, groups: user.groups }, request, {
    source: createReportSource(services.database.db),
    party: { code: services.config.party, name },
    now: () => services.keys.clock.now(),
  });
}
