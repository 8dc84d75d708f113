import { rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { Option, type Command } from 'commander';
import { REPORTS } from '@cds/reports/definitions';
import type { NodeServices } from '@cds/node';
import { loadPlatform } from '../lazy.js';
import { createOutput } from '../output.js';
import { cliActor, withNode } from './keys.js';
import { dirOptions, wantsJson, type DirOptions } from './message-support.js';
import { collect } from './options.js';

interface ReportOptions extends DirOptions {
  from: string;
  to: string;
  format: string;
  lang: 'zh-HK' | 'en';
  out: string;
  status?: string[];
  subject?: string[];
  schoolName?: string;
}

/** Where a settings screen keeps the participant's printed name; `--school-name` overrides it. */
const PARTY_NAME_SETTING = 'party.name';

/**
 * The CLI runs as the local operator: whoever can read the data directory already holds every
 * right over it, so the report right is granted through the administrator group. The use case
 * still asks authorise, exactly as it will for a web user.
 */
const localOperator = () => ({ name: cliActor(), groups: ['CDS_ADMIN'] as const });

function slugList(): string {
  const width = Math.max(...REPORTS.map((report) => report.slug.length));
  return REPORTS.map(
    (report) => `  ${report.slug.padEnd(width)}  ${report.title['zh-HK']}  ${report.title.en}`,
  ).join('\n');
}

async function writeReport(options: ReportOptions, slug: string, services: NodeServices) {
  const [{ generateReportInChild }, { createClock, databaseTarget }] = await Promise.all([
    import('@cds/reports'),
    loadPlatform(),
  ]);
  const name = options.schoolName ?? (await services.repos.settings.get(PARTY_NAME_SETTING));
  // Rendered in a report process of its own (heap sized for reports; see generate-report-in-child.ts).
  const report = generateReportInChild({
    database: databaseTarget(services.config.database, services.layout),
    actor: localOperator(),
    request: {
      slug,
      from: options.from,
      to: options.to,
      statuses: options.status ?? [],
      subjects: options.subject ?? [],
      lang: options.lang,
      format: options.format,
    },
    party: { code: services.config.party, name: name || null },
    generatedAt: createClock().now(),
  });
  // Written beside the target and renamed at the end, so a failed report leaves no half file.
  const partial = `${options.out}.partial-${process.pid}`;
  try {
    const outcome = await report.write(createWriteStream(partial));
    await rename(partial, options.out);
    return { file: options.out, slug: report.slug, format: report.format, ...outcome };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export function registerReportCommand(program: Command): void {
  dirOptions(program.command('report'))
    .description('聯遞系統報告: one of the nine CDS reports as PDF (A4) or XLSX')
    .argument('<slug>', 'which report (see the list below)')
    .requiredOption('--from <YYYY-MM-DD>', 'first Hong Kong day of the period')
    .requiredOption('--to <YYYY-MM-DD>', 'last Hong Kong day of the period (included)')
    .requiredOption('--out <file>', 'where to write the report (replaced if it exists)')
    .option('--format <format>', 'pdf or xlsx', 'pdf')
    .addOption(
      new Option('--lang <lang>', 'language of the report').choices(['zh-HK', 'en']).default('zh-HK'),
    )
    .option('--status <code>', 'only messages in this status (repeatable; message reports)', collect)
    .option('--subject <code>', 'only messages of this subject (repeatable; message reports)', collect)
    .option(
      '--school-name <name>',
      'name printed in the header (default: the party.name setting, else the code)',
    )
    .addHelpText('after', `\nReports:\n${slugList()}\n`)
    .action(async (slug: string, options: ReportOptions, command: Command) => {
      const result = await withNode(options, (services) => writeReport(options, slug, services));
      createOutput(wantsJson(command)).result(result, () => {
        const pages = result.pages === null ? '' : `, ${result.pages} pages`;
        return `${result.file} (${result.rows} rows${pages})`;
      });
    });
}
