/**
 * The one error type of CDS. Every failure a user or a peer can see carries a stable code from
 * ERROR_CATALOGUE; the HTTP status, the CLI exit code and both languages' messages live in that
 * one table so the hub, the node, the CLI and the UI can never disagree about an error.
 */
import type { ErrorSpec, Lang } from './error-spec.js';
import { CORE_ERRORS } from './errors-core.js';
import { MESSAGE_ERRORS } from './errors-message.js';
import { TRANSMISSION_ERRORS } from './errors-transmission.js';
import { AGE_ERRORS } from './errors-age.js';
import { KEY_ERRORS } from './errors-key.js';
import { DIRECTORY_ERRORS } from './errors-directory.js';
import { REGISTRATION_ERRORS } from './errors-registration.js';
import { ENVELOPE_ERRORS } from './errors-envelope.js';
import { RELAY_ERRORS } from './errors-relay.js';
import { TRANSPORT_ERRORS } from './errors-transport.js';
import { REPORT_ERRORS } from './errors-report.js';
import { AUTH_ERRORS } from './errors-auth.js';
import { BUNDLE_ERRORS } from './errors-bundle.js';
import { STUDENT_ERRORS } from './errors-student.js';
import { NOTICE_ERRORS } from './errors-notices.js';
import { OPERATIONS_ERRORS } from './errors-operations.js';

export type { ErrorSpec, Lang } from './error-spec.js';

/** One table, assembled from one file per area so each stays readable. */
export const ERROR_CATALOGUE = {
  ...CORE_ERRORS,
  ...MESSAGE_ERRORS,
  ...TRANSMISSION_ERRORS,
  ...AGE_ERRORS,
  ...KEY_ERRORS,
  ...DIRECTORY_ERRORS,
  ...REGISTRATION_ERRORS,
  ...ENVELOPE_ERRORS,
  ...RELAY_ERRORS,
  ...TRANSPORT_ERRORS,
  ...REPORT_ERRORS,
  ...AUTH_ERRORS,
  ...BUNDLE_ERRORS,
  ...STUDENT_ERRORS,
  ...NOTICE_ERRORS,
  ...OPERATIONS_ERRORS,
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(formatErrorMessage(code, details, 'en'), options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get http(): number {
    return ERROR_CATALOGUE[this.code].http;
  }

  get exitCode(): number {
    return ERROR_CATALOGUE[this.code].exit;
  }

  messageIn(lang: Lang): string {
    return formatErrorMessage(this.code, this.details, lang);
  }
}

export function formatErrorMessage(code: ErrorCode, details: ErrorDetails, lang: Lang): string {
  const template: string = ERROR_CATALOGUE[code][lang];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details[key];
    return value === undefined || value === null ? whole : String(value);
  });
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
