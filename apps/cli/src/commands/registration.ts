import type { Command } from 'commander';
import { loadNode } from '../lazy.js';
import { createOutput } from '../output.js';
import { cliActor, withNode } from './keys.js';

interface DirOptions {
  dataDir?: string;
  node?: string;
}

function dirOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory')
    .option('--node <code>', 'data directory ${CDS_DATA_DIR:-./data}/<code>');
}

function json(command: Command): boolean {
  return Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
}

export function registerRegistrationCommands(program: Command): void {
  dirOptions(program.command('register'))
    .description('系統註冊: register this node with the hub using the operator-issued code')
    .requiredOption('--code <code>', 'registration code XXXXX-XXXXX-XXXXX-XXXXX')
    .action(async (options: DirOptions & { code: string }, command: Command) => {
      const { hubClientFor, registerNode } = await loadNode();
      const state = await withNode(options, async (services) =>
        registerNode(services, await hubClientFor(services), options.code),
      );
      createOutput(json(command)).result(
        state,
        () =>
          `registered (key ${state.kid}); hub key fingerprint ${state.hubFingerprint}; ${state.directoryEntries} directory entries verified`,
      );
    });

  const directory = program
    .command('directory')
    .description("this node's verified copy of the hub directory");

  dirOptions(directory.command('show'))
    .description('participants and their keys, with trust (first, chained, confirmed, unconfirmed 未核實)')
    .action(async (options: DirOptions, command: Command) => {
      const view = await withNode(options, async (services) => ({
        head: await services.repos.directory.head(),
        parties: await services.repos.directory.parties(),
        keys: await services.repos.directory.keys(),
      }));
      createOutput(json(command)).result(view, () =>
        [
          `head ${view.head ? `#${view.head.seq}` : '(empty)'}`,
          ...view.keys.map((key) => `${key.party.padEnd(6)} ${key.kid} ${key.fingerprint} ${key.trust}`),
        ].join('\n'),
      );
    });

  dirOptions(directory.command('refresh'))
    .description('fetch and verify new directory entries from the hub')
    .action(async (options: DirOptions, command: Command) => {
      const { hubClientFor, refreshDirectory } = await loadNode();
      const added = await withNode(options, async (services) =>
        refreshDirectory(services, await hubClientFor(services)),
      );
      createOutput(json(command)).result({ added }, () => `${added} new directory entries verified`);
    });

  dirOptions(directory.command('confirm'))
    .description('confirm an unchained key (未核實的新密碼匙) by its fingerprint, obtained out of band')
    .requiredOption('--party <code>', 'participant code')
    .requiredOption('--fingerprint <fp>', 'fingerprint read out by the participant')
    .action(async (options: DirOptions & { party: string; fingerprint: string }, command: Command) => {
      const { confirmDirectoryKey } = await loadNode();
      await withNode(options, (services) =>
        confirmDirectoryKey(services, {
          party: options.party,
          fingerprint: options.fingerprint,
          actor: cliActor(),
        }),
      );
      createOutput(json(command)).result(
        { party: options.party, confirmed: true },
        () => `confirmed the key of ${options.party}`,
      );
    });
}
