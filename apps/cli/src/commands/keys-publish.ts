import type { Command } from 'commander';
import { loadNode } from '../lazy.js';
import { createOutput } from '../output.js';
import { withNode } from './keys.js';
import { dirOptions, wantsJson, type DirOptions } from './message-support.js';

/**
 * `cds keys publish --code C`: a recovered School Key (`keys change --recover`) is chained to nothing,
 * so the hub publishes it only with the operator's key-recovery code. Rollovers need no code (the
 * next cycle sends them); without --code this sends those now and lists what still waits.
 */
export function registerKeyPublishCommand(keys: Command): void {
  dirOptions(keys.command('publish'))
    .description(
      'publish new key statements to the hub; --code for a recovered key (from `hub issue-code --purpose key-recovery`)',
    )
    .option('--code <code>', 'the hub operator’s key-recovery approval code (XXXXX-XXXXX-XXXXX-XXXXX)')
    .action(async (options: DirOptions & { code?: string }, command: Command) => {
      const { hubClientFor, publishPendingKeys, refreshDirectory } = await loadNode();
      const result = await withNode(options, async (services) => {
        const client = await hubClientFor(services);
        // The pending list is worked out against the hub's directory as it is now.
        await refreshDirectory(services, client);
        return publishPendingKeys(services, client, options.code === undefined ? {} : { code: options.code });
      });
      createOutput(wantsJson(command)).result(
        result,
        () =>
          [
            ...result.published.map(
              (key) =>
                `published kid ${key.kid} (${key.fingerprint})${key.recovery ? ': unchained, 未核實 for others until they confirm it' : ''}`,
            ),
            ...result.awaitingApproval.map((kid) => `kid ${kid} waits for a key-recovery code (--code)`),
          ].join('\n') || 'nothing to publish',
      );
    });
}
