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
import { ERROR_REASONS } from './error-reasons.js';

export type { ErrorSpec, Lang } from './error-spec.js';
export { ERROR_REASONS, type ErrorReason } from './error-reasons.js';

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

/**
 * A message names what happened and what to do in the user's language only. Free text from a library
 * or the OS (an errno, a parser's complaint) goes in `details.detail`: no template interpolates it;
 * it is shown apart as the technical detail (web: a second line, CLI: a second line) for the help desk.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    // The Error message (logs, stack traces) keeps the technical detail next to the English sentence.
    const detail = technicalDetail(details);
    super(formatErrorMessage(code, details, 'en') + (detail === null ? '' : ` (${detail})`), options);
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

  /** The technical detail (free text, usually English), or null. */
  get technicalDetail(): string | null {
    return technicalDetail(this.details);
  }

  messageIn(lang: Lang): string {
    return formatErrorMessage(this.code, this.details, lang);
  }
}

/**
 * A caught failure as the technical detail of the error that wraps it: an AppError's code and its
 * own detail (never its English sentence), else the exception's message.
 */
export function causeText(error: unknown): string {
  if (error instanceof AppError) {
    return error.technicalDetail === null ? error.code : `${error.code}: ${error.technicalDetail}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The free technical text an error carries apart from its sentence, or null. */
export function technicalDetail(details: ErrorDetails): string | null {
  const detail = details['detail'];
  return typeof detail === 'string' && detail.trim() !== '' ? detail : null;
}

export function formatErrorMessage(code: ErrorCode, details: ErrorDetails, lang: Lang): string {
  const spec: ErrorSpec = ERROR_CATALOGUE[code];
  const template = spec.reasoned && typeof details['reason'] === 'string' ? spec.reasoned[lang] : spec[lang];
  return fill(template, details, lang);
}

/**
 * The sentence part(s) of `reason` codes (comma-separated) in one language; an unknown code (an older
 * stored value, a peer's newer one) shows as it is rather than vanishing.
 */
export function reasonText(reasons: string, details: ErrorDetails, lang: Lang): string {
  return reasons
    .split(',')
    .map((reason) => reason.trim())
    .filter((reason) => reason !== '')
    .map((reason) =>
      Object.hasOwn(ERROR_REASONS, reason)
        ? fill(ERROR_REASONS[reason as keyof typeof ERROR_REASONS][lang], details, lang)
        : reason,
    )
    .join(lang === 'zh-HK' ? '；' : '; ');
}

function fill(template: string, details: ErrorDetails, lang: Lang): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details[key];
    if (value === undefined || value === null) return whole;
    if (key === 'reason' && typeof value === 'string') return reasonText(value, details, lang);
    return String(value);
  });
}

/** A failure as it is kept on a message (`lastError`): its code, then its details as JSON if any. */
export function storedFailure(error: AppError): string {
  return Object.keys(error.details).length === 0
    ? error.code
    : `${error.code} ${JSON.stringify(error.details)}`;
}

/** What storedFailure kept, or null for anything else (a typed rejection reason, refusals). */
export function parseStoredFailure(text: string): { code: ErrorCode; details: ErrorDetails } | null {
  const match = /^([a-z_]+\.[a-z_]+)(?: (\{.*\}))?$/s.exec(text);
  if (!match?.[1] || !Object.hasOwn(ERROR_CATALOGUE, match[1])) return null;
  let details: ErrorDetails = {};
  try {
    const parsed: unknown = match[2] === undefined ? {} : JSON.parse(match[2]);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      details = parsed as ErrorDetails;
  } catch {
    return null;
  }
  return { code: match[1] as ErrorCode, details };
}

/**
 * A failure kept on a message (`lastError`: a catalogue code with its details, or `party: code; …`
 * for recipients' refusals) as the user reads it, in the language chosen now. A blank no detail can
 * fill (an older row kept the code alone) is left out; a key holder's rejection reason (free text)
 * shows as it is. The technical detail is not part of the sentence.
 */
export function storedReasonText(lastError: string, lang: Lang, details?: ErrorDetails | null): string {
  const one = (text: string): string => {
    const failure = parseStoredFailure(text);
    if (failure === null) return text;
    return formatErrorMessage(failure.code, { ...(details ?? {}), ...failure.details }, lang)
      .replace(/\s*[（(][^（）()]*\{\w+\}[^（）()]*[）)]/g, '')
      .replace(/\s*[：:]\s*\{\w+\}/g, '')
      .replace(/\{\w+\}\s*/g, '')
      .replace(/\s+([。.，,])/g, '$1');
  };
  const parts = lastError.split('; ');
  const refusals = parts.map((part) => /^([0-9A-Z]{2,10}): ([a-z_]+\.[a-z_]+)$/.exec(part));
  if (refusals.every((match) => match !== null)) {
    return refusals
      .map((match) => `${match?.[1] ?? ''}: ${one(match?.[2] ?? '')}`)
      .join(lang === 'zh-HK' ? '；' : '; ');
  }
  return one(lastError);
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
