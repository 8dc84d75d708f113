import { Readable } from 'node:stream';
import { AppError, type OutgoingMessage } from '@cds/domain';
import { FORM_A_FILE_NAME, FORM_A_MODULE, checkFormA, hongKongDay, writeFormA } from '@cds/modules';
import { studentStoreOf } from '../modules/student-store.js';
import type { NodeServices } from '../node-services.js';
import { createOutgoingMessage } from './create-outgoing-message.js';

const LEASE = 'student.formA';
const LEASE_MS = 60_000;

/** No person is named: the description travels in the routing header, which the hub can read. */
export function formADescription(count: number): string {
  return `表格 A – 學生離校 Form A – student leaving (${count})`;
}

/**
 * 確定 [表格 A - 學生離校] (SPEC §8): a READY outgoing message to EDB (STU/SUB) with the Form A file,
 * through the same use case as 新增訊息, and the students recorded as carried by it. `studentIds`
 * are the students the user previewed: if the list changed since (another 確定, an edit), nothing
 * is created (`student.form_a_changed`). One confirm at a time per node (a lease), and the
 * partial unique index of form_a_entries besides, so no student goes into two live messages.
 */
export async function confirmFormA(
  services: NodeServices,
  input: { readonly studentIds: readonly string[]; readonly owner: string },
): Promise<OutgoingMessage> {
  const holder = services.keys.ids.next();
  const lease = await services.repos.leases.acquire(LEASE, holder, services.keys.clock.now(), LEASE_MS);
  if (!lease.acquired) throw new AppError('student.form_a_changed');
  try {
    const store = studentStoreOf(services);
    const now = services.keys.clock.now();
    const { included } = checkFormA(await store.formACandidates(), hongKongDay(now));
    if (included.length === 0) throw new AppError('student.form_a_empty');
    const wanted = new Set(input.studentIds);
    if (wanted.size !== included.length || included.some((s) => !wanted.has(s.id))) {
      throw new AppError('student.form_a_changed');
    }
    const bytes = writeFormA(services.config.party, now, included);
    const message = await createOutgoingMessage(services, {
      to: ['EDB'],
      subject: 'STU',
      type: 'SUB',
      description: formADescription(included.length),
      owner: input.owner,
      sourceModule: FORM_A_MODULE,
      attachments: [
        { displayName: FORM_A_FILE_NAME, mediaType: 'text/csv', open: () => Readable.from([bytes]) },
      ],
    });
    try {
      await store.addFormAEntries(
        message.id,
        included.map((s) => s.id),
        now,
      );
    } catch (error) {
      // All or nothing: a message whose students were not recorded would report them twice.
      await services.repos.outgoing.delete(message.id, {
        box: 'outgoing',
        party: services.config.party,
        messageId: message.id,
        deletedAt: services.keys.clock.now(),
        deletedBy: 'student.formA',
      });
      throw error;
    }
    return message;
  } finally {
    await services.repos.leases.release(LEASE, holder);
  }
}
