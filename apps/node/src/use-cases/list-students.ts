import { AppError } from '@cds/domain';
import type { StudentQuery, StudentRow } from '@cds/modules';
import { studentStoreOf } from '../modules/student-store.js';
import type { NodeServices } from '../node-services.js';

/** 學生資料 list and search (STRN, name or class contains; enrolled or left). */
export function listStudents(services: NodeServices, query: StudentQuery): Promise<readonly StudentRow[]> {
  return studentStoreOf(services).list(query);
}

/** One student with where they stand with Form A. */
export async function showStudent(services: NodeServices, id: string): Promise<StudentRow> {
  const student = await studentStoreOf(services).get(id);
  if (!student) throw new AppError('student.not_found', { id });
  return student;
}
