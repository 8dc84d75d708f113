import { AppError } from '@cds/domain';
import {
  MAX_KEYID_LENGTH,
  MAX_NONCE_LENGTH,
  MIN_NONCE_LENGTH,
  SIGNATURE_LABEL,
} from './signature-profile.js';
import { serializeDictionary, serializeMember } from './structured-fields-serialize.js';
import { parseDictionary, type BareItem, type SfDictionary, type SfItem } from './structured-fields.js';

export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The `cds` member of Signature-Input and Signature, with its parameters typed and bounded. */
export interface ParsedSignature {
  readonly components: readonly SfItem[];
  /** The `@signature-params` value: RFC 9421 takes the re-serialised member, not the raw text. */
  readonly signatureParams: string;
  readonly created: number;
  readonly expires: number;
  readonly nonce: string;
  readonly keyid: string;
  readonly alg: string;
  readonly signature: Buffer;
}

/** 9999-12-31T23:59:59Z: later instants cannot be shown as ISO 8601 in the refusal details. */
const MAX_EPOCH_SECONDS = 253_402_300_799;

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    return (typeof value === 'string' ? value : value.join(', ')).trim();
  }
  return undefined;
}

export function parseTransportSignature(headers: HeaderBag): ParsedSignature {
  const inputText = headerValue(headers, 'signature-input');
  const signatureText = headerValue(headers, 'signature');
  if (!inputText || !signatureText) {
    const missing = [inputText ? '' : 'Signature-Input', signatureText ? '' : 'Signature'];
    throw new AppError('transport.signature_missing', { missing: missing.filter(Boolean).join(', ') });
  }
  const inputs = parseCanonical(inputText, 'Signature-Input');
  const signatures = parseCanonical(signatureText, 'Signature');
  const input = inputs.get(SIGNATURE_LABEL);
  const signature = signatures.get(SIGNATURE_LABEL);
  if (input === undefined && signature === undefined) {
    throw new AppError('transport.signature_missing', { missing: `signature "${SIGNATURE_LABEL}"` });
  }
  if (input?.kind !== 'inner-list') {
    throw invalid(`Signature-Input "${SIGNATURE_LABEL}" is missing or not an inner list`);
  }
  if (signature?.kind !== 'item' || signature.value.type !== 'bytes') {
    throw invalid(`Signature "${SIGNATURE_LABEL}" is missing or not a byte sequence`);
  }

  const names = new Set<string>();
  for (const component of input.items) {
    if (component.value.type !== 'string') throw invalid('a covered component is a string');
    const identifier = serializeMember(component);
    if (names.has(identifier)) throw invalid(`component ${identifier} is covered twice`);
    names.add(identifier);
  }
  const params = input.params;
  const created = integerParam(params.get('created'), 'created');
  const expires = integerParam(params.get('expires'), 'expires');
  const nonce = stringParam(params.get('nonce'), 'nonce', MIN_NONCE_LENGTH, MAX_NONCE_LENGTH);
  const keyid = stringParam(params.get('keyid'), 'keyid', 1, MAX_KEYID_LENGTH);
  const alg = stringParam(params.get('alg'), 'alg', 1, 64);
  return {
    components: input.items,
    signatureParams: serializeMember(input),
    created,
    expires,
    nonce,
    keyid,
    alg,
    signature: signature.value.value,
  };
}

/**
 * Whitespace, missing base64 padding or stray padding bits parse to the same value as the signed
 * form; insisting on the canonical serialisation leaves each signature exactly one spelling.
 */
function parseCanonical(text: string, field: string): SfDictionary {
  const parsed = parseDictionary(text);
  if (serializeDictionary(parsed) !== text) throw invalid(`${field} is not in canonical RFC 8941 form`);
  return parsed;
}

function integerParam(item: BareItem | undefined, name: string): number {
  if (item?.type !== 'integer' || item.value < 0 || item.value > MAX_EPOCH_SECONDS) {
    throw invalid(`parameter ${name} must be an integer time in seconds`);
  }
  return item.value;
}

function stringParam(item: BareItem | undefined, name: string, min: number, max: number): string {
  if (item?.type !== 'string' || item.value.length < min || item.value.length > max) {
    throw invalid(`parameter ${name} must be a string of ${min}–${max} characters`);
  }
  return item.value;
}

function invalid(detail: string): AppError {
  return new AppError('transport.signature_invalid', { detail });
}
