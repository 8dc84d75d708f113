import { hongKongDay, readRegisterCsv, type Student } from '@cds/modules';
import { ProblemsError } from '../modules/problems-error.js';
import { studentStoreOf } from '../modules/student-store.js';
import type { NodeServices } from '../node-services.js';

/**
 * 學生資料 > 匯入 (SPEC §8): the CSV is read and every row checked against the file and the
 * register; any problem refuses the whole file (`student.import_invalid` with every problem and its
 * line), otherwise every student is stored in one transaction.
 */
export async function importStudentRegister(
  services: NodeServices,
  input: { readonly bytes: Uint8Array },
): Promise<{ readonly imported: number }> {
  const store = studentStoreOf(services);
  const now = services.keys.clock.now();
  const today = hongKongDay(now);
  // A first pass without the register finds the STRNs to look up; the second checks against them.
  const draft = readRegisterCsv(input.bytes, new Set(), today);
  const known = await store.existingStrns(draft.students.map((s) => s.strn));
  const result = known.size === 0 ? draft : readRegisterCsv(input.bytes, known, today);
  if (result.problems.length > 0) throw new ProblemsError('student.import_invalid', result.problems);
  const students: Student[] = result.students.map(({ row: _row, ...fields }) => ({
    ...fields,
    id: services.keys.ids.next(),
    status: 'ENROLLED',
    leavingDate: null,
    leavingReason: null,
    leavingNote: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  await store.insertMany(students);
  return { imported: students.length };
}
