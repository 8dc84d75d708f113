import { AppError, type ErrorCode } from '@cds/domain';
import type { RowProblem } from '@cds/modules';

/**
 * A refusal with a row-by-row report (a CSV import, a student form): the routes send `problems`
 * with the error so the screen can list each one beside its line or field.
 */
export class ProblemsError extends AppError {
  readonly problems: readonly RowProblem[];

  constructor(code: ErrorCode, problems: readonly RowProblem[]) {
    super(code, { count: problems.length });
    this.problems = problems;
  }
}
