import type { Command } from 'commander';
import { loadNode } from '../lazy.js';
import { createOutput } from '../output.js';
import { cliActor, withNode } from './keys.js';
import { dirOptions, wantsJson, type DirOptions } from './message-support.js';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** 傳送網上校管系統版本 (SPEC §4): the version this node runs, and the message that tells EDB. */
export function registerVersionCommands(program: Command): void {
  const version = program
    .command('version')
    .description('傳送網上校管系統版本: the software version of a node');

  dirOptions(version.command('show'))
    .description('the version this node runs, since when, and whether the hub has it')
    .action(async (options: DirOptions, command: Command) => {
      const { noteSoftwareVersion } = await loadNode();
      const record = await withNode(options, (services) => noteSoftwareVersion(services));
      const view = {
        version: record.version,
        upgradedAt: iso(record.upgradedAt),
        reportedAt: iso(record.reportedAt),
      };
      createOutput(wantsJson(command)).result(
        view,
        () =>
          `version ${view.version} since ${view.upgradedAt}; ${view.reportedAt ? `reported to the hub ${view.reportedAt}` : 'not yet reported to the hub'}`,
      );
    });

  dirOptions(version.command('send'))
    .description(
      'create the version message to EDB (SYS/VER, version.json) for a key holder to seal; prints its id',
    )
    .action(async (options: DirOptions, command: Command) => {
      const { createVersionMessage, showMessage } = await loadNode();
      const created = await withNode(options, async (services) =>
        showMessage(services, (await createVersionMessage(services, { owner: cliActor() })).id),
      );
      createOutput(wantsJson(command)).result(created, () => created.id);
    });
}
