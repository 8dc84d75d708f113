import { AppError, type Lang } from '@cds/domain';

/** CLI messages follow CDS_LANG (zh-HK or en); scripts get stable English by default. */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Lang {
  return env['CDS_LANG'] === 'zh-HK' ? 'zh-HK' : 'en';
}

export interface Output {
  readonly json: boolean;
  /** With --json, stdout carries exactly one JSON document (SPEC §11). */
  result(value: unknown, text: () => string): void;
  info(line: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(value, text) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
    },
    info(line) {
      // Progress and hints go to stderr so they never mix with a JSON document on stdout.
      process.stderr.write(`${line}\n`);
    },
  };
}

export class UsageError extends Error {}

/**
 * The technical detail (a library's or the OS's own words) on a line of its own under the message,
 * for the help desk; the message above it stands alone in the user's language. Empty without one.
 */
export function technicalLine(error: AppError, lang: Lang): string {
  const detail = error.technicalDetail;
  if (detail === null) return '';
  return lang === 'zh-HK' ? `  技術資料：${detail}\n` : `  technical detail: ${detail}\n`;
}

/** Prints `error <code>: <message>` on stderr and returns the exit code of SPEC §11. */
export function reportError(error: unknown, lang: Lang = cliLanguage()): number {
  if (error instanceof UsageError) {
    process.stderr.write(`error usage.invalid_argument: ${error.message}\n`);
    return 2;
  }
  if (error instanceof AppError) {
    process.stderr.write(`error ${error.code}: ${error.messageIn(lang)}\n${technicalLine(error, lang)}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error internal.unexpected: ${message}\n`);
  if (process.env['CDS_DEBUG'] === '1' && error instanceof Error)
    process.stderr.write(`${error.stack ?? ''}\n`);
  return 1;
}
