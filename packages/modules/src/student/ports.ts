/** What the Student module and the consumers need from storage (implemented in packages/db). */
import type { LeavingReason, Student, StudentFields, StudentStatus } from './student.js';

/**
 * Where a student stands with Form A, read from the message that carries it (never copied):
 * NOT_REPORTED (left, in no live Form A), PREPARED (in a Form A message not yet SENT),
 * REPORTED (that message SENT or RECEIVED). Null for an enrolled student.
 */
export type ReportState = 'NOT_REPORTED' | 'PREPARED' | 'REPORTED';

export interface StudentRow extends Student {
  readonly reportState: ReportState | null;
  /** The Form A message carrying the student, while the entry is live. */
  readonly formAMessageId: string | null;
  readonly formAMessageStatus: string | null;
}

export interface StudentQuery {
  /** STRN, English or Chinese name, or class ("6A") contains. */
  readonly text?: string;
  readonly status?: StudentStatus;
  readonly limit: number;
}

export interface LeavingChanges {
  readonly status: StudentStatus;
  readonly leavingDate: string | null;
  readonly leavingReason: LeavingReason | null;
  readonly leavingNote: string | null;
}

export interface StudentStore {
  list(query: StudentQuery): Promise<readonly StudentRow[]>;
  get(id: string): Promise<StudentRow | null>;
  /** Which of these STRNs are already in the register. */
  existingStrns(strns: readonly string[]): Promise<ReadonlySet<string>>;
  /** All in one transaction: every student or none. */
  insertMany(students: readonly Student[]): Promise<void>;
  /** Under the version the caller read (`student.concurrent_update` otherwise). */
  update(
    id: string,
    expectedVersion: number,
    changes: Partial<StudentFields & LeavingChanges>,
    now: number,
  ): Promise<StudentRow>;
  /** Students who left and are in no live Form A entry, oldest leaving first. */
  formACandidates(): Promise<readonly Student[]>;
  /**
   * Releases entries whose message is gone or REJECTED, then records the new message's students
   * in one transaction; `student.form_a_changed` if one is already in a live entry.
   */
  addFormAEntries(messageId: string, studentIds: readonly string[], now: number): Promise<void>;
  /** The students a Form A message carries (live or released). */
  formAEntries(messageId: string): Promise<readonly string[]>;
}

export interface ModuleRecordStore {
  /** Replaces this message's records of `module` (a re-import after IMPORT_FAIL). */
  replace(module: string, messageId: string, records: readonly unknown[], now: number): Promise<void>;
  records(module: string, messageId: string): Promise<readonly unknown[]>;
}
