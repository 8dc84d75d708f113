import { InvalidArgumentError, type Command } from 'commander';
import type { TransmissionEvent } from '@cds/node';
import { loadNode } from '../lazy.js';
import { createOutput } from '../output.js';
import { cliActor, withNode } from './keys.js';
import { dirOptions, wantsJson, type DirOptions } from './message-support.js';

interface TransmitOptions extends DirOptions {
  retries?: number;
  retryDelayMs?: number;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError(`not a whole number: ${value}`);
  return n;
}

function describe(event: TransmissionEvent): string {
  const parts = [event.step.padEnd(10), event.messageId ?? '-', event.outcome];
  if (event.party) parts.push(event.party);
  if (event.reason) parts.push(event.reason);
  if (event.detail) parts.push(`(${event.detail})`);
  return parts.join(' ');
}

export function registerTransmitCommand(program: Command): void {
  dirOptions(program.command('transmit'))
    .description(
      '即時傳送: run one transmission cycle now (directory, uploads, downloads, receipts); exits 0 when the cycle ran',
    )
    .option('--retries <n>', 'tries per request after a network fault (default 3)', wholeNumber)
    .option('--retry-delay-ms <ms>', 'wait before the second try, doubled after (default 500)', wholeNumber)
    .action(async (options: TransmitOptions, command: Command) => {
      const { runTransmissionCycle } = await loadNode();
      const output = createOutput(wantsJson(command));
      const report = await withNode(options, (services) =>
        runTransmissionCycle(services, {
          actor: cliActor(),
          retry: {
            ...(options.retries !== undefined ? { attempts: Math.max(1, options.retries) } : {}),
            ...(options.retryDelayMs !== undefined ? { baseDelayMs: options.retryDelayMs } : {}),
          },
          onProgress: (event) => output.info(describe(event)),
        }),
      );
      if (report.logError) output.info(`warning: the CDS log could not be written (${report.logError})`);
      const view = {
        ...report,
        startedAt: new Date(report.startedAt).toISOString(),
        finishedAt: new Date(report.finishedAt).toISOString(),
      };
      output.result(view, () => {
        const totals = Object.entries(report.totals).map(([key, count]) => `${key} ${count}`);
        const stopped = report.stoppedBy ? `; stopped by ${report.stoppedBy}` : '';
        return `cycle done: ${totals.join(', ') || 'nothing to do'}${stopped}`;
      });
    });
}
