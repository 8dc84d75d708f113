import type { Command } from 'commander';
import { cliLanguage, createOutput, technicalLine } from '../output.js';
import { loadNode } from '../lazy.js';
import { cliActor, withNode } from './keys.js';
import { dirOptions, wantsJson, type DirOptions } from './message-support.js';

/** `cds export`: 匯出訊息 of SEND_FAIL messages into a bundle for the hub operator (SPEC §5). */
export function registerExportCommand(program: Command): void {
  dirOptions(program.command('export'))
    .description('匯出訊息: SEND_FAIL messages into a signed zip bundle for the hub operator to ingest')
    .requiredOption('--ids <id...>', 'message ids (only SEND_FAIL messages export)')
    .requiredOption('--out <file>', 'the bundle to create (never overwritten)')
    .action(async (options: DirOptions & { ids: string[]; out: string }, command: Command) => {
      const { exportMessages } = await loadNode();
      const result = await withNode(options, (services) =>
        exportMessages(services, { ids: options.ids, out: options.out, actor: cliActor() }),
      );
      const lang = cliLanguage();
      const rows = result.outcomes.map((outcome) =>
        outcome.ok
          ? { id: outcome.id, ok: true, status: outcome.message.status }
          : {
              id: outcome.id,
              ok: false,
              error: {
                code: outcome.error.code,
                message: outcome.error.messageIn(lang),
                ...(outcome.error.technicalDetail === null ? {} : { detail: outcome.error.technicalDetail }),
              },
            },
      );
      const output = createOutput(wantsJson(command));
      output.result({ file: result.file, size: result.size, messages: rows }, () =>
        [
          ...rows.map((row) => (row.ok ? `${row.id} exported` : `${row.id} FAILED ${row.error?.code}`)),
          result.file,
        ].join('\n'),
      );
      let exit = 0;
      for (const outcome of result.outcomes) {
        if (outcome.ok) continue;
        process.stderr.write(
          `error ${outcome.error.code}: ${outcome.error.messageIn(lang)} (${outcome.id})\n` +
            technicalLine(outcome.error, lang),
        );
        if (exit === 0) exit = outcome.error.exitCode;
      }
      process.exitCode = exit;
    });
}
