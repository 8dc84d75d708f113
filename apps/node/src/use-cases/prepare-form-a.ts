import { checkFormA, formARowOf, hongKongDay, type FormAProblem, type FormARow } from '@cds/modules';
import { studentStoreOf } from '../modules/student-store.js';
import type { NodeServices } from '../node-services.js';

export interface FormAPreview {
  /** The students the file would carry, as the file's rows, each with the register's id. */
  readonly rows: readonly (FormARow & { readonly studentId: string })[];
  /** The validation report: students who left but are held back, and why. */
  readonly problems: readonly FormAProblem[];
  /** Hong Kong day the preview was made (the file's leaving dates are checked against it). */
  readonly today: string;
}

/**
 * 預備 / 預覽 [表格 A - 學生離校] (SPEC §8): the students who left and are in no live Form A
 * (never reported, or released by a deleted or REJECTED message), checked. Nothing is written;
 * 確定 (confirm-form-a) takes exactly the students shown here.
 */
export async function prepareFormA(services: NodeServices): Promise<FormAPreview> {
  const today = hongKongDay(services.keys.clock.now());
  const candidates = await studentStoreOf(services).formACandidates();
  const { included, problems } = checkFormA(candidates, today);
  return {
    rows: included.map((student) => ({ ...formARowOf(student), studentId: student.id })),
    problems,
    today,
  };
}
