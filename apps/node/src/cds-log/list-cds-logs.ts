import type { CdsLogDay } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { createFsCdsLog, type FsCdsLog } from './fs-cds-log.js';

/** The node's CDS log, in its data directory's logs/ (SPEC §11). */
export function cdsLogOf(services: Pick<NodeServices, 'layout'>): FsCdsLog {
  return createFsCdsLog(services.layout.logs);
}

/** 聯遞系統紀錄: every day on which a cycle ran, newest first, with the file's size. */
export async function listCdsLogs(services: Pick<NodeServices, 'layout'>): Promise<readonly CdsLogDay[]> {
  return cdsLogOf(services).days();
}
