import { AppError, type IncomingMessage } from '@cds/domain';
import { FORM_A_MODULE, type FormARow, type ImportReport } from '@cds/modules';
import { studentStoreOf } from '../modules/student-store.js';
import type { NodeServices } from '../node-services.js';

const MAX_LISTED = 500;

/** EDB: the Form A messages received from schools (newest first), whatever their status. */
export async function listReceivedFormA(services: NodeServices): Promise<readonly IncomingMessage[]> {
  const page = await services.repos.incoming.list({ subject: 'STU', type: 'SUB', limit: MAX_LISTED });
  return page.items;
}

/** EDB: one received Form A as a table, once decrypted and imported (SPEC §8). */
export async function showReceivedFormA(
  services: NodeServices,
  id: string,
): Promise<{
  message: IncomingMessage;
  report: ImportReport | null;
  rows: readonly (FormARow & { row: number })[];
}> {
  const message = await services.repos.incoming.get(id);
  if (!message || message.subject !== 'STU' || message.type !== 'SUB') {
    throw new AppError('message.not_found', { id });
  }
  const rows = (await studentStoreOf(services).records(FORM_A_MODULE, id)) as (FormARow & { row: number })[];
  const report = message.importResult ? (JSON.parse(message.importResult) as ImportReport) : null;
  return { message, report, rows };
}
