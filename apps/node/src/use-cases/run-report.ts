import { databaseTarget } from '@cds/platform';
import { generateReportInChild, type ReportDownload } from '@cds/reports';
import type { NodeServices } from '../node-services.js';
import { partyNameOf } from '../party-name.js';

export { PARTY_NAME_SETTING } from '../party-name.js';

/** The printed name, or null when none was set (reports then print the code). */
export function partyName(services: NodeServices): Promise<string | null> {
  return partyNameOf(services.repos.settings);
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
  // Rendered in a report process of its own, so a long report never holds up the server's event
  // loop or heap (packages/reports generate-report-in-child.ts); the checks run here first.
  return generateReportInChild({
    database: databaseTarget(services.config.database, services.layout),
    actor: { name: `${user.displayName} (${user.username})`, groups: user.groups },
    request,
    party: { code: services.config.party, name: await partyName(services) },
    generatedAt: services.keys.clock.now(),
  });
}
