import type { Command } from 'commander';
import type { CdsLogEntry } from '@cds/domain';
import { loadNode } from '../lazy.js';
import { createOutput } from '../output.js';
import { withNode } from './keys.js';
import { dirOptions, wantsJson, type DirOptions } from './message-support.js';

interface SearchOptions extends DirOptions {
  from?: string;
  to?: string;
  limit?: number;
}

/** With --json each line comes parsed, its time as ISO 8601 UTC (SPEC §11). */
function entryJson(entry: CdsLogEntry | null) {
  return entry === null ? null : { ...entry, at: new Date(entry.at).toISOString() };
}

export function registerLogCommands(program: Command): void {
  const log = program
    .command('log')
    .description('聯遞系統紀錄: the CDS log, one CDS_yyyyMMdd.log per Hong Kong day on which a cycle ran');

  dirOptions(log.command('list'))
    .description('days with a log, newest first, with their sizes')
    .action(async (options: DirOptions, command: Command) => {
      const { listCdsLogs } = await loadNode();
      const days = await withNode(options, (services) => listCdsLogs(services));
      createOutput(wantsJson(command)).result(days, () =>
        days.length === 0
          ? 'no CDS log yet (no cycle has run)'
          : days.map((day) => `${day.date}  ${day.file}  ${day.size} bytes`).join('\n'),
      );
    });

  dirOptions(log.command('show'))
    .description('one day of the log (DATE is YYYY-MM-DD, a Hong Kong day)')
    .argument('<date>', 'YYYY-MM-DD')
    .action(async (date: string, options: DirOptions, command: Command) => {
      const { showCdsLog } = await loadNode();
      const lines = await withNode(options, async (services) => {
        const all = [];
        let after: number | null = 0;
        while (after !== null) {
          const page = await showCdsLog(services, { date, after });
          all.push(...page.lines);
          after = page.next;
        }
        return all;
      });
      createOutput(wantsJson(command)).result(
        lines.map((line) => ({ line: line.line, text: line.text, entry: entryJson(line.entry) })),
        () => lines.map((line) => line.text).join('\n'),
      );
    });

  dirOptions(log.command('search'))
    .description('lines containing TEXT (any case): a message id, a cycle id, an error code, a party…')
    .argument('<text>', 'text to find')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .action(async (text: string, options: SearchOptions, command: Command) => {
      const { searchCdsLog } = await loadNode();
      const found = await withNode(options, (services) =>
        searchCdsLog(services, { text, from: options.from, to: options.to }),
      );
      const output = createOutput(wantsJson(command));
      if (found.truncated) output.info(`(more lines matched; the first ${found.matches.length} are shown)`);
      output.result(
        found.matches.map((match) => ({ ...match, entry: entryJson(match.entry) })),
        () =>
          found.matches.length === 0
            ? 'nothing found'
            : found.matches.map((match) => `${match.date}:${match.line}\t${match.text}`).join('\n'),
      );
    });
}
