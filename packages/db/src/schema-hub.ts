/** The hub's tables (same conventions as schema.ts: TEXT ids, epoch-ms times, JSON in TEXT). */
import type { SharedTables } from './schema.js';

export interface ParticipantsTable {
  code: string;
  role: string;
  name: string;
  registered_at: number | null;
  revoked_at: number | null;
  software_version: string | null;
  version_reported_at: number | null;
}

export interface RegistrationCodesTable {
  code_hash: string;
  party: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  voided_at: number | null;
  failures: number;
  /** registration | key-recovery (hub migration 0004). */
  purpose: string;
}

export interface RegistrationFailuresTable {
  address: string;
  at: number;
}

export interface TransportKeysTable {
  kid: string;
  party: string;
  public_jwk: string;
  created_at: number;
  revoked_at: number | null;
}

export interface ParticipantKeysTable {
  kid: string;
  party: string;
  fingerprint: string;
  statement: string;
  valid_from: number;
  valid_to: number;
  previous_kid: string | null;
  recovery: number;
  published_at: number;
}

export interface DirectoryLogTable {
  seq: number;
  at: number;
  prev_hash: string;
  body: string;
  hash: string;
  signature: string;
}

export interface NoncesTable {
  keyid: string;
  nonce: string;
  expires_at: number;
}

export interface HubMessagesTable {
  id: string;
  sender: string;
  header_jws: string;
  payload_sha256: string;
  payload_size: number;
  payload_blob: string;
  accepted_at: number;
  /** Compact JWS by the hub key, given back unchanged on every repeated upload. */
  acceptance_receipt: string;
}

export interface DeliveriesTable {
  message_id: string;
  recipient: string;
  state: string;
  acked_at: number | null;
}

/** Delivery and refusal receipts queued for the sender, in commit order. */
export interface ReceiptsTable {
  seq: number;
  sender: string;
  message_id: string;
  recipient: string;
  kind: 'delivery' | 'refusal';
  jws: string;
  signer_kid: string;
  reason: string | null;
  stored_at: number;
}

/** Messages the hub took from an offline bundle rather than an upload (hub migration 0006). */
export interface MessageIngestsTable {
  message_id: string;
  ingested_at: number;
  ingested_by: string;
  file: string;
}

/** Each export-for of a pending delivery (hub migration 0006). */
export interface DeliveryExportsTable {
  message_id: string;
  recipient: string;
  exported_at: number;
  exported_by: string;
  file: string;
}

export interface HubDatabase extends SharedTables {
  participants: ParticipantsTable;
  registration_codes: RegistrationCodesTable;
  registration_failures: RegistrationFailuresTable;
  transport_keys: TransportKeysTable;
  participant_keys: ParticipantKeysTable;
  directory_log: DirectoryLogTable;
  nonces: NoncesTable;
  messages: HubMessagesTable;
  deliveries: DeliveriesTable;
  receipts: ReceiptsTable;
  message_ingests: MessageIngestsTable;
  delivery_exports: DeliveryExportsTable;
}
