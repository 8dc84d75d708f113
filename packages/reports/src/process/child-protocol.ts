import type { DatabaseConfig } from '@cds/db';
import type { ErrorCode, ErrorDetails } from '@cds/domain';
import type { ReportActor, ReportOutcome } from '../generate-report.js';
import type { FontOptions } from '../pdf/fonts.js';
import type { ReportParty } from '../report-job.js';

/** What the server or the CLI hands the report process (plain data: it crosses a process boundary). */
export interface ChildReportJob {
  readonly database: DatabaseConfig;
  readonly actor: ReportActor;
  readonly request: unknown;
  readonly party: ReportParty;
  /** The time printed in the footer, fixed by the caller's clock. */
  readonly generatedAt: number;
  readonly fonts?: FontOptions;
}

export type ChildReportReply =
  | { readonly ok: true; readonly outcome: ReportOutcome }
  | {
      readonly ok: false;
      readonly error:
        { readonly code: ErrorCode; readonly details: ErrorDetails } | { readonly message: string };
    };
