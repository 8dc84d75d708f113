import { Command, Option } from 'commander';
import { softwareVersion } from '@cds/platform/version';
import { registerHubCommands } from './commands/hub.js';
import { registerNodeCommands } from './commands/node.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerKeysCommands } from './commands/keys.js';
import { registerAgeCommands } from './commands/age.js';
import { registerRegistrationCommands } from './commands/registration.js';
import { registerEnvelopeCommands } from './commands/envelope.js';
import { registerMessageCommands } from './commands/message.js';
import { registerTransmitCommand } from './commands/transmit.js';
import { registerReportCommand } from './commands/report.js';
import { registerExportCommand } from './commands/export.js';
import { registerImportCommand } from './commands/import.js';
import { registerVersionCommands } from './commands/version.js';
import { registerScheduleCommands } from './commands/schedule.js';
import { registerLogCommands } from './commands/log.js';
import { registerUserCommands } from './commands/user.js';

export function buildProgram(): Command {
  const program = new Command('cds')
    .description('CDS 聯遞系統 — Communication & Delivery System (hub, school and agency nodes)')
    .version(softwareVersion(), '-V, --version')
    .addOption(new Option('--json', 'print exactly one JSON document on stdout'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(`error usage.invalid_argument: ${text.replace(/^error: /, '')}`),
    });
  program.addHelpText(
    'after',
    `
Data directories: --data-dir DIR, or --node CODE = \${CDS_DATA_DIR:-./data}/CODE (the hub: hub).
Exit codes: 0 ok, 1 other, 2 usage, 3 not found, 4 conflict/already running, 5 wrong School Key/forbidden,
            6 hub unreachable, 7 refused by the hub. Errors are printed on stderr as "error <code>: <message>".`,
  );
  registerHubCommands(program);
  registerNodeCommands(program);
  registerMigrateCommand(program);
  registerKeysCommands(program);
  registerAgeCommands(program);
  registerRegistrationCommands(program);
  registerEnvelopeCommands(program);
  registerMessageCommands(program);
  registerTransmitCommand(program);
  registerReportCommand(program);
  registerExportCommand(program);
  registerImportCommand(program);
  registerVersionCommands(program);
  registerScheduleCommands(program);
  registerLogCommands(program);
  registerUserCommands(program);
  const exitOverrideAll = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(exitOverrideAll);
  };
  exitOverrideAll(program);
  return program;
}
