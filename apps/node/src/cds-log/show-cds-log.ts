import { parseCdsLogLine, type CdsLogEntry } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { cdsLogOf } from './list-cds-logs.js';

/** The most lines one view returns; a longer day is read in pages (`after`). */
export const MAX_LOG_PAGE = 5_000;

export interface CdsLogPage {
  readonly date: string;
  /** Line numbers are 1-based, so `after` of the next page is the last line shown. */
  readonly lines: ReadonlyArray<{
    readonly line: number;
    readonly text: string;
    readonly entry: CdsLogEntry | null;
  }>;
  /** The `after` for the next page, or null at the end of the day. */
  readonly next: number | null;
}

/** One day's CDS log (`log.invalid_date`, `log.not_found`), a page of lines at a time. */
export async function showCdsLog(
  services: Pick<NodeServices, 'layout'>,
  input: { date: string; after?: number; limit?: number },
): Promise<CdsLogPage> {
  const after = input.after ?? 0;
  const limit = Math.min(input.limit ?? MAX_LOG_PAGE, MAX_LOG_PAGE);
  const lines: Array<CdsLogPage['lines'][number]> = [];
  let number = 0;
  let more = false;
  for await (const text of cdsLogOf(services).lines(input.date)) {
    number += 1;
    if (number <= after) continue;
    if (lines.length === limit) {
      more = true;
      break;
    }
    lines.push({ line: number, text, entry: parseCdsLogLine(text) });
  }
  return { date: input.date, lines, next: more ? number - 1 : null };
}
