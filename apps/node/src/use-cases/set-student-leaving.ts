import { AppError } from '@cds/domain';
import { checkLeaving, hongKongDay, type LeavingReason, type StudentRow } from '@cds/modules';
import { ProblemsError } from '../modules/problems-error.js';
import { studentStoreOf } from '../modules/student-store.js';
import type { NodeServices } from '../node-services.js';

export interface LeavingInput {
  readonly leavingDate: string;
  readonly leavingReason: string;
  readonly leavingNote?: string | null;
}

/**
 * 設定學生的在學狀況為「離校」 (SPEC §8), or back to 在學 (`leaving: null`) for a mistake. Once the
 * student is in a Form A message that is not released (PREPARED or REPORTED), the leaving record is
 * what EDB has or will get, so it cannot change (`student.leaving_locked`).
 */
export async function setStudentLeaving(
  services: NodeServices,
  input: { readonly id: string; readonly version: number; readonly leaving: LeavingInput | null },
): Promise<StudentRow> {
  const store = studentStoreOf(services);
  const student = await store.get(input.id);
  if (!student) throw new AppError('student.not_found', { id: input.id });
  if (student.reportState === 'PREPARED' || student.reportState === 'REPORTED') {
    throw new AppError('student.leaving_locked', {
      strn: student.strn,
      status: student.formAMessageStatus ?? '',
    });
  }
  const now = services.keys.clock.now();
  if (input.leaving === null) {
    return store.update(
      input.id,
      input.version,
      { status: 'ENROLLED', leavingDate: null, leavingReason: null, leavingNote: null },
      now,
    );
  }
  const { problems, leavingDate } = checkLeaving(student, input.leaving, hongKongDay(now));
  if (problems.length > 0 || leavingDate === null) throw new ProblemsError('student.invalid', problems);
  const note = input.leaving.leavingNote?.trim() ?? '';
  return store.update(
    input.id,
    input.version,
    {
      status: 'LEFT',
      leavingDate,
      leavingReason: input.leaving.leavingReason as LeavingReason,
      leavingNote: note === '' ? null : note,
    },
    now,
  );
}
