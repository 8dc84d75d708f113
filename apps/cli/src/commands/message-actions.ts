import type { Command } from 'commander';
import { loadNode } from '../lazy.js';
import { createOutput } from '../output.js';
import { cliActor, withNode } from './keys.js';
import { dirOptions, reportOutcomes, wantsJson, type DirOptions } from './message-support.js';

type IdsOptions = DirOptions & { ids: string[] };

/** 拒絕, 刪除, 庫存 / 取消庫存 and the sealed payload: the same use cases the web UI calls. */
export function registerMessageActions(message: Command): void {
  dirOptions(message.command('reject'))
    .description('處理訊息 → 拒絕: a key holder turns down a READY outgoing message, with a reason')
    .requiredOption('--id <id>', 'message id')
    .requiredOption('--reason <text>', 'why (one line, at most 200 characters; the owner sees it)')
    .action(async (options: DirOptions & { id: string; reason: string }, command: Command) => {
      const { rejectOutgoingMessage, showMessage } = await loadNode();
      const shown = await withNode(options, async (services) => {
        const rejected = await rejectOutgoingMessage(services, {
          id: options.id,
          reason: options.reason,
          actor: cliActor(),
        });
        return showMessage(services, rejected.id);
      });
      createOutput(wantsJson(command)).result(shown, () => `${shown.id} ${shown.status}`);
    });

  dirOptions(message.command('delete'))
    .description(
      '刪除: delete messages of either box (outgoing: READY, REJECTED, SEND_FAIL); leaves a tombstone',
    )
    .requiredOption('--ids <id...>', 'message ids')
    .action(async (options: IdsOptions, command: Command) => {
      const { deleteMessages } = await loadNode();
      const outcomes = await withNode(options, (services) =>
        deleteMessages(services, { ids: options.ids, actor: cliActor() }),
      );
      process.exitCode = reportOutcomes(outcomes, wantsJson(command));
    });

  const setArchived = async (options: IdsOptions, archived: boolean, command: Command) => {
    const { archiveMessages } = await loadNode();
    const outcomes = await withNode(options, (services) =>
      archiveMessages(services, { ids: options.ids, archived }),
    );
    process.exitCode = reportOutcomes(outcomes, wantsJson(command));
  };
  dirOptions(message.command('archive'))
    .description('庫存: archive messages of either box (the status stays); --undo to un-archive')
    .requiredOption('--ids <id...>', 'message ids')
    .option('--undo', 'un-archive instead (same as `message unarchive`)')
    .action((options: IdsOptions & { undo?: boolean }, command: Command) =>
      setArchived(options, !options.undo, command),
    );
  dirOptions(message.command('unarchive'))
    .description('取消庫存: bring archived messages back to the lists')
    .requiredOption('--ids <id...>', 'message ids')
    .action((options: IdsOptions, command: Command) => setArchived(options, false, command));

  dirOptions(message.command('payload'))
    .description('write the sealed payload (payload.age) of a message to a file, streamed and hash-checked')
    .requiredOption('--id <id>', 'message id')
    .requiredOption('--out <file>', 'target file (never overwritten)')
    .action(async (options: DirOptions & { id: string; out: string }, command: Command) => {
      const { writeMessagePayload } = await loadNode();
      const written = await withNode(options, (services) =>
        writeMessagePayload(services, { id: options.id, out: options.out }),
      );
      createOutput(wantsJson(command)).result(written, () => written.path);
    });
}
