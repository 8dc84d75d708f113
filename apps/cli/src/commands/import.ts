import type { Command } from 'commander';
import { createOutput } from '../output.js';
import { loadNode } from '../lazy.js';
import { cliActor, withNode } from './keys.js';
import { dirOptions, wantsJson, type DirOptions } from './message-support.js';

/** `cds import FILE`: 匯入訊息 from the hub's export-for bundle (SPEC §5). */
export function registerImportCommand(program: Command): void {
  dirOptions(program.command('import'))
    .description(
      '匯入訊息: new incoming messages from a bundle the hub exported for this node; all or nothing',
    )
    .argument('<file>', 'the bundle (.zip)')
    .action(async (file: string, options: DirOptions, command: Command) => {
      const { importBundle } = await loadNode();
      const result = await withNode(options, (services) =>
        importBundle(services, { file, actor: cliActor() }),
      );
      createOutput(wantsJson(command)).result(result, () =>
        result.messages.map((m) => `${m.id} ${m.outcome} from ${m.from}`).join('\n'),
      );
    });
}
