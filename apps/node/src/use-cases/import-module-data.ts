import { AppError, type IncomingMessage } from '@cds/domain';
import { consume, type ImportReport } from '@cds/modules';
import { applyIncoming } from '../messages/apply-transition.js';
import { distinctIds, outcomeOf, type MessageOutcome } from '../messages/outcome.js';
import { consumerFor } from '../modules/consumers.js';
import { studentStoreOf } from '../modules/student-store.js';
import type { NodeServices } from '../node-services.js';

/** Module files are small data files; anything larger is not one of them. */
export const MAX_MODULE_FILE_BYTES = 16 * 1024 * 1024;

export type ModuleImportOutcome = MessageOutcome<{ message: IncomingMessage; report: ImportReport }>;

async function readAttachment(
  services: NodeServices,
  blob: string,
  size: number,
): Promise<Uint8Array | null> {
  if (size > MAX_MODULE_FILE_BYTES) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await services.blobs.get(blob)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Runs the consumer for one decrypted (or failed-import) message: its records replace any the
 * message gave before, then the machine moves it IMPORTED (partial success keeps its exception
 * report) or IMPORT_FAIL with the report (SPEC §3.2, §8). Throws `module.no_consumer` when no
 * module takes messages of this kind on this node.
 */
export async function importOneMessage(
  services: NodeServices,
  id: string,
  actor: string,
): Promise<{ message: IncomingMessage; report: ImportReport }> {
  const message = await services.repos.incoming.get(id);
  if (!message) throw new AppError('message.not_found', { id });
  const consumer = consumerFor(services.config.nodeRole, services.config.party, message);
  if (!consumer) throw new AppError('module.no_consumer', { subject: message.subject, type: message.type });
  if (message.status !== 'DECRYPTED' && message.status !== 'IMPORT_FAIL') {
    throw new AppError('module.not_importable', { id, status: message.status });
  }
  const attachment = (await services.repos.incoming.attachments(id)).find((a) =>
    consumer.rule.matches(a.displayName),
  );
  const bytes = attachment ? await readAttachment(services, attachment.blob, attachment.size) : null;
  const { records, report } =
    attachment && bytes === null
      ? {
          records: [],
          report: {
            module: consumer.rule.module,
            outcome: 'IMPORT_FAIL' as const,
            imported: 0,
            exceptions: [{ row: 0, code: 'too_large' }],
          },
        }
      : consume(consumer.rule, bytes);
  const now = services.keys.clock.now();
  await studentStoreOf(services).replace(consumer.rule.module, id, records, now);
  const updated = await applyIncoming(
    services,
    id,
    report.outcome === 'IMPORTED' ? 'import_ok' : 'import_fail',
    () => ({
      importedBy: actor,
      importedAt: now,
      importResult: JSON.stringify(report),
    }),
  );
  return { message: updated, report };
}

/** 匯入 (re-import) of a selection, each message on its own. */
export async function importModuleData(
  services: NodeServices,
  input: { readonly ids: readonly string[]; readonly actor: string },
): Promise<ModuleImportOutcome[]> {
  const outcomes: ModuleImportOutcome[] = [];
  for (const id of distinctIds(input.ids)) {
    outcomes.push(await outcomeOf(id, () => importOneMessage(services, id, input.actor)));
  }
  return outcomes;
}

/** After a decrypt: the consumer's import, if a module takes this kind of message here. */
export async function importAfterDecrypt(
  services: NodeServices,
  message: IncomingMessage,
  actor: string,
): Promise<IncomingMessage> {
  const consumer = consumerFor(services.config.nodeRole, services.config.party, message);
  if (!consumer) return message;
  // A message of the module's kind without the module's file (another return under the same
  // subject and type) is left DECRYPTED for a person, not failed.
  const attachments = await services.repos.incoming.attachments(message.id);
  if (!attachments.some((a) => consumer.rule.matches(a.displayName))) return message;
  return (await importOneMessage(services, message.id, actor)).message;
}
