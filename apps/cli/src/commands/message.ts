import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { AppError, type EncryptionLevel, type Priority } from '@cds/domain';
import { loadNode } from '../lazy.js';
import { createOutput } from '../output.js';
import { readSchoolKey } from '../school-key-input.js';
import { cliActor, withNode } from './keys.js';
import { dirOptions, mediaTypeOf, reportOutcomes, wantsJson, type DirOptions } from './message-support.js';
import { registerMessageActions } from './message-actions.js';
import { collect } from './options.js';

interface CreateOptions extends DirOptions {
  to: string[];
  subject: string;
  type: string;
  description: string;
  priority: Priority;
  level: EncryptionLevel;
  reference?: string;
  replyTo?: string;
  attach: string[];
}

async function readable(path: string): Promise<void> {
  await access(path).catch((error: unknown) => {
    throw new AppError('usage.invalid_argument', {
      reason: 'cli.cannot_read',
      file: path,
      detail: (error as Error).message,
    });
  });
}

function registerCreate(message: Command): void {
  dirOptions(message.command('create'))
    .description('新增訊息: a READY outgoing message with attachments; prints its id')
    .requiredOption('--to <party>', 'recipient (agencies may repeat it to broadcast)', collect)
    .requiredOption('--subject <code>', 'subject code (STU, TSA, GEN…)')
    .requiredOption('--type <code>', 'type code (SUB, RPL, PAR…)')
    .requiredOption('--description <text>', 'one line, at most 200 characters (the hub operator can read it)')
    .addOption(new Option('--priority <p>', 'priority').choices(['NORMAL', 'URGENT']).default('NORMAL'))
    .addOption(
      new Option('--level <l>', 'encryption level')
        .choices(['RESTRICTED', 'CONFIDENTIAL'])
        .default('RESTRICTED'),
    )
    .option('--reference <text>', 'school reference')
    .option('--reply-to <id>', 'the incoming message this replies to')
    .option('--attach <file...>', 'attachment files, in order', [])
    .action(async (options: CreateOptions, command: Command) => {
      for (const path of options.attach) await readable(path);
      const { createOutgoingMessage, showMessage } = await loadNode();
      const created = await withNode(options, async (services) => {
        const message = await createOutgoingMessage(services, {
          to: options.to,
          subject: options.subject,
          type: options.type,
          description: options.description,
          priority: options.priority,
          encryptionLevel: options.level,
          schoolReference: options.reference ?? null,
          replyToId: options.replyTo?.toLowerCase() ?? null,
          owner: cliActor(),
          attachments: options.attach.map((path) => ({
            displayName: basename(path),
            mediaType: mediaTypeOf(path),
            open: () => createReadStream(path),
          })),
        });
        return showMessage(services, message.id);
      });
      createOutput(wantsJson(command)).result(created, () => created.id);
    });
}

/** The search criteria of SPEC §6 as `message list` takes them. */
const CRITERIA = ['description', 'party', 'subject', 'type', 'from', 'to'] as const;
type ListCriteria = Partial<Record<(typeof CRITERIA)[number], string>>;

function registerViews(message: Command): void {
  dirOptions(message.command('list'))
    .description('寄發訊息 / 接收訊息: messages of one box, newest first')
    .addOption(new Option('--box <box>', 'which box').choices(['outgoing', 'incoming']).makeOptionMandatory())
    .option('--status <code>', 'only this status (repeatable)', collect)
    .option('--description <text>', 'description contains this text')
    .option('--party <code>', 'recipient (outgoing) or sender (incoming)')
    .option('--subject <code>', 'subject code')
    .option('--type <code>', 'type code')
    .option('--from <date>', 'created/received on or after this Hong Kong day (YYYY-MM-DD)')
    .option('--to <date>', 'created/received on or before this Hong Kong day (YYYY-MM-DD)')
    .option('--archived', 'only archived messages (已庫存)')
    .option('--limit <n>', 'at most this many', (value) => Number(value))
    .action(
      async (
        options: DirOptions &
          ListCriteria & {
            box: 'outgoing' | 'incoming';
            status?: string[];
            archived?: boolean;
            limit?: number;
          },
        command: Command,
      ) => {
        const { listMessages } = await loadNode();
        const criteria = Object.fromEntries(
          CRITERIA.filter((name) => options[name] !== undefined).map((name) => [name, options[name]]),
        );
        const rows = await withNode(options, (services) =>
          listMessages(services, {
            box: options.box,
            ...criteria,
            ...(options.archived ? { archived: true } : {}),
            ...(options.status ? { status: options.status } : {}),
            ...(options.limit !== undefined ? { limit: options.limit } : {}),
          }),
        );
        createOutput(wantsJson(command)).result(
          rows,
          () =>
            rows
              .map((row) =>
                [
                  row.id,
                  row.status.padEnd(12),
                  row.box === 'outgoing' ? `to ${row.to.join(',')}` : `from ${row.from}`,
                  row.subject,
                  row.description,
                ].join('  '),
              )
              .join('\n') || '(no messages)',
        );
      },
    );

  dirOptions(message.command('show'))
    .description('one message: fields, status, times (ISO 8601 UTC), attachments, receipts')
    .requiredOption('--id <id>', 'message id')
    .action(async (options: DirOptions & { id: string }, command: Command) => {
      const { showMessage } = await loadNode();
      const shown = await withNode(options, (services) => showMessage(services, options.id));
      createOutput(wantsJson(command)).result(shown, () => JSON.stringify(shown, null, 2));
    });

  dirOptions(message.command('extract'))
    .description('write the attachments of a decrypted message into a directory under safe generated names')
    .requiredOption('--id <id>', 'message id')
    .requiredOption('--out-dir <dir>', 'target directory (created if missing; files are never overwritten)')
    .action(async (options: DirOptions & { id: string; outDir: string }, command: Command) => {
      const { extractAttachments } = await loadNode();
      const files = await withNode(options, (services) =>
        extractAttachments(services, { id: options.id, outDir: options.outDir }),
      );
      createOutput(wantsJson(command)).result(
        files,
        () => files.map((file) => file.path).join('\n') || '(no attachments)',
      );
    });
}

function registerKeyHolderActions(message: Command): void {
  dirOptions(message.command('seal'))
    .description('加密: seal READY messages with the School Key (one entry for all); they wait as PROCESSING')
    .requiredOption('--ids <id...>', 'message ids')
    .option('--school-key-file <file>', 'School Key (- for stdin; prompts on a terminal)')
    .action(async (options: DirOptions & { ids: string[]; schoolKeyFile?: string }, command: Command) => {
      const { hubClientFor, sealMessages } = await loadNode();
      const outcomes = await withNode(options, async (services) =>
        sealMessages(services, {
          ids: options.ids,
          schoolKey: await readSchoolKey(options.schoolKeyFile),
          actor: cliActor(),
          hubClient: () => hubClientFor(services),
        }),
      );
      process.exitCode = reportOutcomes(outcomes, wantsJson(command));
    });

  dirOptions(message.command('decrypt'))
    .description('解密: decrypt incoming messages with the School Key (one entry for all)')
    .requiredOption('--ids <id...>', 'message ids')
    .option('--school-key-file <file>', 'School Key (- for stdin; prompts on a terminal)')
    .action(async (options: DirOptions & { ids: string[]; schoolKeyFile?: string }, command: Command) => {
      const { decryptIncoming } = await loadNode();
      const outcomes = await withNode(options, async (services) =>
        decryptIncoming(services, {
          ids: options.ids,
          schoolKey: await readSchoolKey(options.schoolKeyFile),
          actor: cliActor(),
        }),
      );
      process.exitCode = reportOutcomes(outcomes, wantsJson(command));
    });

  dirOptions(message.command('resend'))
    .description('再傳送: queue SENT, SEND_FAIL or RECEIVED messages again with the same envelope')
    .requiredOption('--ids <id...>', 'message ids')
    .action(async (options: DirOptions & { ids: string[] }, command: Command) => {
      const { resendMessages } = await loadNode();
      const outcomes = await withNode(options, (services) =>
        resendMessages(services, { ids: options.ids, actor: cliActor() }),
      );
      process.exitCode = reportOutcomes(outcomes, wantsJson(command));
    });
}

export function registerMessageCommands(program: Command): void {
  const message = program
    .command('message')
    .description('outgoing and incoming messages (寄發訊息 / 接收訊息)');
  registerCreate(message);
  registerViews(message);
  registerKeyHolderActions(message);
  registerMessageActions(message);
}
