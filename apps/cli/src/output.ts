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

/** Prints `error <code>: <message>` on stderr and returns the exit code of SPEC §11. */
export function reportError(error: unknown, lang: Lang = cliLanguage()): number {
  if (error instanceof UsageError) {
    process.stderr.write(`error usage.invalid_argument: ${error.message}\n`);
    return 2;
  }
  if (error instanceof AppError) {
    process.stderr.write(`error ${error.code}: ${error.messageIn(lang)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error internal.unexpected: ${message}\n`);
  if (process.env['CDS_DEBUG'] === '1' && error instanceof Error)
    process.stderr.write(`${error.stack ?? ''}\n`);
  return 1;
}
