/**
 * The plug-in contract of school and agency modules (SPEC §8, docs/modules.md), the pure half:
 * what a producer's preview and a consumer's import report look like. The node half (which
 * message a consumer takes, how its report reaches the incoming state machine) lives in
 * apps/node/src/modules/.
 */

/**
 * One problem of a file or a record, by the line a spreadsheet shows (1 = the header; 0 = the
 * file as a whole). `code` is stable and translated by the UI (`student:problems.<code>`);
 * `column` and `value` say what was wrong, `first` the line a duplicate first appeared on.
 */
export interface RowProblem {
  readonly row: number;
  readonly code: string;
  readonly column?: string;
  readonly value?: string | null;
  readonly first?: number;
}

/** What a consumer's import made of one incoming message (kept as `import_result`). */
export interface ImportReport {
  /** The module that imported it (e.g. `tsa.parameters`). */
  readonly module: string;
  readonly outcome: 'IMPORTED' | 'IMPORT_FAIL';
  /** Records taken; with exceptions besides, the import was partial. */
  readonly imported: number;
  /** The exception report: every record or file problem that was not imported. */
  readonly exceptions: readonly RowProblem[];
}

/**
 * A consumer's pure rule: the decrypted attachment bytes to the records it keeps and the problems
 * it found. The node stores the records, then moves the message IMPORTED (some records taken) or
 * IMPORT_FAIL (none, or the file itself is wrong).
 */
export interface ConsumerRule<R> {
  readonly module: string;
  readonly subject: string;
  readonly type: string;
  /** Which attachment (by display name) holds the data; the first match is read. */
  matches(displayName: string): boolean;
  read(bytes: Uint8Array): { readonly records: readonly R[]; readonly problems: readonly RowProblem[] };
}

/** The usual outcome rule: nothing taken, or a problem of the whole file, fails the import. */
export function reportOf(
  module: string,
  records: readonly unknown[],
  problems: readonly RowProblem[],
): ImportReport {
  const fileProblem = problems.some((problem) => problem.row <= 1);
  const outcome = records.length > 0 && !fileProblem ? 'IMPORTED' : 'IMPORT_FAIL';
  return { module, outcome, imported: outcome === 'IMPORTED' ? records.length : 0, exceptions: problems };
}
