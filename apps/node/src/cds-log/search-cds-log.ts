import { AppError, isCalendarDate, parseCdsLogLine, type CdsLogEntry } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { cdsLogOf } from './list-cds-logs.js';

export const MAX_SEARCH_TEXT = 200;
export const MAX_SEARCH_MATCHES = 1_000;

export interface CdsLogSearchInput {
  /** Found anywhere in a line (time, cycle, message id, action, result, code, detail), any case. */
  readonly text: string;
  /** Hong Kong days, YYYY-MM-DD, both inclusive. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit?: number | undefined;
}

export interface CdsLogMatch {
  readonly date: string;
  readonly line: number;
  readonly text: string;
  readonly entry: CdsLogEntry | null;
}

export interface CdsLogSearchResult {
  readonly matches: readonly CdsLogMatch[];
  /** True when more lines matched than were returned. */
  readonly truncated: boolean;
}

function checkDate(date: string | undefined): void {
  if (date !== undefined && !isCalendarDate(date)) throw new AppError('log.invalid_date', { date });
}

/** 聯遞系統紀錄 search: the days in range oldest first, each read line by line (memory stays flat). */
export async function searchCdsLog(
  services: Pick<NodeServices, 'layout'>,
  input: CdsLogSearchInput,
): Promise<CdsLogSearchResult> {
  const needle = input.text.trim().toLowerCase();
  if (needle === '' || needle.length > MAX_SEARCH_TEXT) {
    throw new AppError('validation.failed', { reason: 'log_search.text', max: MAX_SEARCH_TEXT });
  }
  checkDate(input.from);
  checkDate(input.to);
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
    throw new AppError('validation.failed', { reason: 'log_search.range', from: input.from, to: input.to });
  }
  const limit = Math.min(input.limit ?? MAX_SEARCH_MATCHES, MAX_SEARCH_MATCHES);
  const log = cdsLogOf(services);
  const days = (await log.days())
    .filter(
      (day) =>
        (input.from === undefined || day.date >= input.from) &&
        (input.to === undefined || day.date <= input.to),
    )
    .reverse();
  const matches: CdsLogMatch[] = [];
  for (const day of days) {
    let line = 0;
    for await (const text of log.lines(day.date)) {
      line += 1;
      if (!text.toLowerCase().includes(needle)) continue;
      if (matches.length === limit) return { matches, truncated: true };
      matches.push({ date: day.date, line, text, entry: parseCdsLogLine(text) });
    }
  }
  return { matches, truncated: false };
}
