import { AppError } from '@cds/domain';
import { checkStudentFields, hongKongDay, type RawStudent, type StudentRow } from '@cds/modules';
import { ProblemsError } from '../modules/problems-error.js';
import { studentStoreOf } from '../modules/student-store.js';
import type { NodeServices } from '../node-services.js';

/**
 * 學生資料 > 修改: the same field rules as the CSV import; every problem at once
 * (`student.invalid`), and the version read by the user so a concurrent edit is not overwritten.
 */
export async function updateStudent(
  services: NodeServices,
  input: { readonly id: string; readonly version: number; readonly fields: RawStudent },
): Promise<StudentRow> {
  const store = studentStoreOf(services);
  const current = await store.get(input.id);
  if (!current) throw new AppError('student.not_found', { id: input.id });
  const now = services.keys.clock.now();
  const { fields, problems } = checkStudentFields(input.fields, 0, hongKongDay(now));
  if (!fields) throw new ProblemsError('student.invalid', problems);
  if (fields.strn !== current.strn && (await store.existingStrns([fields.strn])).size > 0) {
    throw new AppError('student.duplicate_strn', { strn: fields.strn });
  }
  return store.update(input.id, input.version, fields, now);
}
