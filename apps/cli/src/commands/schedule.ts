import { InvalidArgumentError, type Command } from 'commander';
import { parseWeekdays, type TransmissionSchedule } from '@cds/domain';
import type { ScheduleView } from '@cds/node';
import { loadNode } from '../lazy.js';
import { createOutput, UsageError } from '../output.js';
import { cliActor, withNode } from './keys.js';
import { dirOptions, wantsJson, type DirOptions } from './message-support.js';

interface SetOptions extends DirOptions {
  times?: string;
  weekdays?: string;
  interval?: number;
  off?: boolean;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`not a whole number of seconds: ${value}`);
  return n;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function describe(view: ScheduleView): string {
  const { schedule } = view;
  const what =
    schedule.mode === 'off'
      ? 'off (cycles run only when started: cds transmit)'
      : schedule.mode === 'interval'
        ? `every ${schedule.intervalSeconds} s`
        : `daily at ${schedule.times.join(', ')} on ${schedule.weekdays.join(',')} (Hong Kong time)`;
  const source =
    view.source === 'default' ? ' [default]' : ` [set by ${view.updatedBy} ${iso(view.updatedAt)}]`;
  const next = view.nextRunAt === null ? '' : `\nnext run ${iso(view.nextRunAt)}`;
  return `設定時間輸送 schedule: ${what}${source}${next}`;
}

/** One mode per call, so `--times` with `--interval` is a usage error rather than a guess. */
function scheduleFrom(options: SetOptions): TransmissionSchedule {
  const modes = [
    options.times !== undefined || options.weekdays !== undefined,
    options.interval !== undefined,
    options.off === true,
  ];
  if (modes.filter(Boolean).length !== 1) {
    throw new UsageError(
      'give one of: --times HH:mm[,HH:mm…] --weekdays mon-fri | --interval SECONDS | --off',
    );
  }
  if (options.off) return { mode: 'off' };
  if (options.interval !== undefined) return { mode: 'interval', intervalSeconds: options.interval };
  if (options.times === undefined || options.weekdays === undefined) {
    throw new UsageError('daily schedules need both --times and --weekdays');
  }
  return {
    mode: 'daily',
    times: options.times.split(',').map((time) => time.trim()),
    weekdays: parseWeekdays(options.weekdays),
  };
}

export function registerScheduleCommands(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('設定時間輸送: when the running node starts transmission cycles by itself');

  dirOptions(schedule.command('show'))
    .description('the stored schedule (or the default: schools off, agencies every 60 s) and the next run')
    .action(async (options: DirOptions, command: Command) => {
      const { showTransmissionSchedule } = await loadNode();
      const view = await withNode(options, (services) => showTransmissionSchedule(services));
      createOutput(wantsJson(command)).result(
        { ...view, updatedAt: iso(view.updatedAt), nextRunAt: iso(view.nextRunAt) },
        () => describe(view),
      );
    });

  dirOptions(schedule.command('set'))
    .description('set the schedule; a running node follows it within 30 s')
    .option('--times <list>', 'daily times, Hong Kong time, e.g. 08:00,16:30')
    .option('--weekdays <days>', 'mon-fri, sat-sun, mon,wed,fri or daily')
    .option('--interval <seconds>', 'agencies only: a cycle every N seconds (10 to 86400)', seconds)
    .option('--off', 'no scheduled cycles')
    .action(async (options: SetOptions, command: Command) => {
      const { setTransmissionSchedule } = await loadNode();
      const wanted = scheduleFrom(options);
      const view = await withNode(options, (services) =>
        setTransmissionSchedule(services, { schedule: wanted, actor: cliActor() }),
      );
      createOutput(wantsJson(command)).result(
        { ...view, updatedAt: iso(view.updatedAt), nextRunAt: iso(view.nextRunAt) },
        () => describe(view),
      );
    });
}
