/**
 * One table per box mapping each domain field to its column and storage kind, so insert, update
 * and read all derive from the same list and a new field cannot be half-mapped: the mapped type
 * makes a missing field a compile error.
 */
import type { IncomingMessage, MessageHeaderFields, OutgoingMessage } from '@cds/domain';
import type { IncomingMessagesTable, OutgoingMessagesTable } from './schema.js';

type Kind = 'plain' | 'bool' | 'json';
type FieldMap<T, Row> = { readonly [K in keyof T]-?: readonly [column: keyof Row & string, kind: Kind] };

const HEADER_FIELDS = {
  id: ['id', 'plain'],
  subject: ['subject', 'plain'],
  type: ['type', 'plain'],
  priority: ['priority', 'plain'],
  encryptionLevel: ['encryption_level', 'plain'],
  description: ['description', 'plain'],
  schoolReference: ['school_reference', 'plain'],
  replyDeadline: ['reply_deadline', 'plain'],
  replyToId: ['reply_to_id', 'plain'],
} as const satisfies FieldMap<MessageHeaderFields, OutgoingMessagesTable & IncomingMessagesTable>;

export const OUTGOING_FIELDS: FieldMap<OutgoingMessage, OutgoingMessagesTable> = {
  ...HEADER_FIELDS,
  to: ['to_parties', 'json'],
  status: ['status', 'plain'],
  owner: ['owner', 'plain'],
  sourceModule: ['source_module', 'plain'],
  createdAt: ['created_at', 'plain'],
  updatedAt: ['updated_at', 'plain'],
  sealedAt: ['sealed_at', 'plain'],
  sentAt: ['sent_at', 'plain'],
  receivedAt: ['received_at', 'plain'],
  attempts: ['attempts', 'plain'],
  lastError: ['last_error', 'plain'],
  exportedAt: ['exported_at', 'plain'],
  archived: ['archived', 'bool'],
  version: ['version', 'plain'],
  headerJws: ['header_jws', 'plain'],
  payloadBlob: ['payload_blob', 'plain'],
  payloadSha256: ['payload_sha256', 'plain'],
  payloadSize: ['payload_size', 'plain'],
  recipientKids: ['recipient_kids', 'json'],
  acceptanceReceipt: ['acceptance_receipt', 'plain'],
};

export const INCOMING_FIELDS: FieldMap<IncomingMessage, IncomingMessagesTable> = {
  ...HEADER_FIELDS,
  from: ['from_party', 'plain'],
  status: ['status', 'plain'],
  receivedAt: ['received_at', 'plain'],
  updatedAt: ['updated_at', 'plain'],
  read: ['is_read', 'bool'],
  decryptedBy: ['decrypted_by', 'plain'],
  decryptedAt: ['decrypted_at', 'plain'],
  importedBy: ['imported_by', 'plain'],
  importedAt: ['imported_at', 'plain'],
  importResult: ['import_result', 'plain'],
  businessState: ['business_state', 'plain'],
  lastError: ['last_error', 'plain'],
  archived: ['archived', 'bool'],
  version: ['version', 'plain'],
  headerJws: ['header_jws', 'plain'],
  payloadSha256: ['payload_sha256', 'plain'],
  payloadSize: ['payload_size', 'plain'],
  deliveryReceipt: ['delivery_receipt', 'plain'],
  acknowledgedAt: ['acknowledged_at', 'plain'],
};

function encodeValue(kind: Kind, value: unknown): unknown {
  if (value === null) return null;
  if (kind === 'bool') return value ? 1 : 0;
  if (kind === 'json') return JSON.stringify(value);
  return value;
}

function decodeValue(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'bool') return Number(value) === 1;
  if (kind === 'json') return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return value;
}

/** Columns for the fields present in `values`; undefined means "not given", null is stored. */
export function encodeFields<T, Row>(fields: FieldMap<T, Row>, values: Partial<T>): Partial<Row> {
  const row: Record<string, unknown> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    const value = values[key];
    if (value === undefined) continue;
    const [column, kind] = fields[key];
    row[column] = encodeValue(kind, value);
  }
  return row as Partial<Row>;
}

export function decodeRow<T, Row>(fields: FieldMap<T, Row>, row: Row): T {
  const value: Record<string, unknown> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    const [column, kind] = fields[key];
    value[key as string] = decodeValue(kind, row[column]);
  }
  return value as T;
}
