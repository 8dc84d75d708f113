import { z } from 'zod';
import { keysPaths, versionReportResponseSchema } from '@cds/contracts';
import { softwareVersion } from '@cds/platform';
import type { HubClient } from '../hub-client.js';
import type { NodeServices } from '../node-services.js';
import { registrationState } from './register-node.js';

export const VERSION_SETTING = 'software.version';

const versionRecordSchema = z.object({
  version: z.string(),
  /** When this node first started with that version (version.json's upgradedAt). */
  upgradedAt: z.number(),
  /** When the hub took the report; null while it is still owed. */
  reportedAt: z.number().nullable(),
});
export type VersionRecord = z.infer<typeof versionRecordSchema>;

export async function versionRecord(services: NodeServices): Promise<VersionRecord | null> {
  const stored = await services.repos.settings.get(VERSION_SETTING);
  return stored === null ? null : versionRecordSchema.parse(JSON.parse(stored));
}

/**
 * Notes the running software version. A version other than the last recorded one starts a new
 * record (upgradedAt now) whose report to the hub is owed; the same version changes nothing.
 */
export async function noteSoftwareVersion(
  services: NodeServices,
  version: string = softwareVersion(),
): Promise<VersionRecord> {
  const known = await versionRecord(services);
  if (known?.version === version) return known;
  const record: VersionRecord = { version, upgradedAt: services.keys.clock.now(), reportedAt: null };
  await services.repos.settings.set(VERSION_SETTING, JSON.stringify(record));
  return record;
}

/** Registration sent the version itself (SPEC §4), so nothing is owed afterwards. */
export async function markVersionReported(services: NodeServices, version: string): Promise<void> {
  const record = await noteSoftwareVersion(services, version);
  await services.repos.settings.set(
    VERSION_SETTING,
    JSON.stringify({ ...record, reportedAt: services.keys.clock.now() }),
  );
}

/**
 * 傳送網上校管系統版本, the automatic half (SPEC §4): after a start with a new version, the node
 * reports it to the hub, signed with its transport key. An unregistered node owes nothing yet
 * (registration carries the version); a report the hub could not take stays owed and goes with the
 * next start or transmission cycle. Returns whether a report was sent now.
 */
export async function reportVersionIfOwed(services: NodeServices, client: HubClient): Promise<boolean> {
  const record = await noteSoftwareVersion(services);
  if (record.reportedAt !== null || !(await registrationState(services))) return false;
  versionReportResponseSchema.parse(await client.postJson(keysPaths.version, { version: record.version }));
  const latest = await versionRecord(services);
  // Another start may have recorded a newer version meanwhile; only the reported one is marked.
  if (latest?.version === record.version) {
    await services.repos.settings.set(
      VERSION_SETTING,
      JSON.stringify({ ...latest, reportedAt: services.keys.clock.now() }),
    );
  }
  return true;
}

/**
 * Run by `node start` once it listens: notes the version and sends an owed report without holding
 * up the start. A hub that cannot be reached now leaves the report owed for the next cycle.
 */
export async function reportVersionAfterStart(
  services: NodeServices,
  client: () => Promise<HubClient>,
  log: { info(data: object, message: string): void; warn(data: object, message: string): void },
): Promise<void> {
  try {
    const record = await noteSoftwareVersion(services);
    if (record.reportedAt !== null || !(await registrationState(services))) return;
    if (await reportVersionIfOwed(services, await client())) {
      log.info({ version: record.version }, 'software version reported to the hub');
    }
  } catch (error) {
    log.warn({ err: error }, 'software version report not delivered; the next cycle tries again');
  }
}
