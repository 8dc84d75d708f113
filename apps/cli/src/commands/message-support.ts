import { extname } from 'node:path';
import type { Command } from 'commander';
import { type AppError, type Lang } from '@cds/domain';
import { cliLanguage, technicalLine } from '../output.js';

export interface DirOptions {
  dataDir?: string;
  node?: string;
}

export function dirOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory')
    .option('--node <code>', 'data directory ${CDS_DATA_DIR:-./data}/<code>');
}

export function wantsJson(command: Command): boolean {
  return Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
}

/** Common types by extension; anything else travels as bytes. The recipient sees the name anyway. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

export function mediaTypeOf(path: string): string {
  return MEDIA_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

type Outcome =
  | { readonly id: string; readonly ok: true; readonly message: { readonly status: string } }
  | { readonly id: string; readonly ok: false; readonly error: AppError };

/**
 * Prints what happened to each message of a selection: a line per message (or one JSON array), each
 * failure also on stderr as `error <code>: <message>`. Returns the exit code of the first failure,
 * so a script sees that something went wrong while the rest of the selection still went ahead.
 */
export function reportOutcomes(
  outcomes: readonly Outcome[],
  json: boolean,
  lang: Lang = cliLanguage(),
): number {
  const rows = outcomes.map((outcome) =>
    outcome.ok
      ? { id: outcome.id, ok: true, status: outcome.message.status }
      : {
          id: outcome.id,
          ok: false,
          error: {
            code: outcome.error.code,
            message: outcome.error.messageIn(lang),
            ...(outcome.error.technicalDetail === null ? {} : { detail: outcome.error.technicalDetail }),
          },
        },
  );
  if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    const lines = rows.map((row) =>
      row.ok ? `${row.id} ${row.status}` : `${row.id} FAILED ${row.error?.code}`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  let exit = 0;
  for (const outcome of outcomes) {
    if (outcome.ok) continue;
    process.stderr.write(
      `error ${outcome.error.code}: ${outcome.error.messageIn(lang)} (${outcome.id})\n` +
        technicalLine(outcome.error, lang),
    );
    if (exit === 0) exit = outcome.error.exitCode;
  }
  return exit;
}
