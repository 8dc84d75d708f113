/**
 * Kysely table types, written by hand so types never depend on a live database.
 *
 * Portable conventions (the same DDL runs on SQLite and PostgreSQL):
 * - ids are TEXT (lowercase UUIDv7);
 * - times are UTC epoch milliseconds in BIGINT/INTEGER columns, read back as numbers;
 * - booleans are INTEGER 0/1 with a CHECK, because SQLite has no boolean type;
 * - arrays and objects are JSON in TEXT columns, (de)serialised by the repositories.
 */

/** Tables both the hub and the nodes have. */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

export interface SharedTables {
  settings: SettingsTable;
  leases: LeasesTable;
}

/** Columns shared by both boxes: what the routing header carries. */
interface HeaderColumns {
  id: string;
  subject: string;
  type: string;
  priority: string;
  encryption_level: string;
  description: string;
  school_reference: string | null;
  reply_deadline: number | null;
  reply_to_id: string | null;
}

export interface OutgoingMessagesTable extends HeaderColumns {
  /** JSON array of party codes. */
  to_parties: string;
  status: string;
  owner: string;
  source_module: string | null;
  created_at: number;
  updated_at: number;
  sealed_at: number | null;
  sent_at: number | null;
  received_at: number | null;
  attempts: number;
  last_error: string | null;
  exported_at: number | null;
  archived: number;
  version: number;
  header_jws: string | null;
  payload_blob: string | null;
  payload_sha256: string | null;
  payload_size: number | null;
  /** JSON object party → key id. */
  recipient_kids: string | null;
  acceptance_receipt: string | null;
  /** Arrival order for text search (migration 0009); assigned by the database on insert. */
  search_seq: number | null;
}

export interface OutgoingAttachmentsTable {
  message_id: string;
  ordinal: number;
  display_name: string;
  media_type: string;
  size: number;
  sha256: string;
  /** Blob store key (SHA-256 of the stored content). */
  blob: string;
}

export interface IncomingMessagesTable extends HeaderColumns {
  from_party: string;
  status: string;
  received_at: number;
  updated_at: number;
  is_read: number;
  decrypted_by: string | null;
  decrypted_at: number | null;
  imported_by: string | null;
  imported_at: number | null;
  import_result: string | null;
  business_state: string | null;
  last_error: string | null;
  archived: number;
  version: number;
  payload_blob: string;
  header_jws: string | null;
  payload_sha256: string | null;
  payload_size: number | null;
  delivery_receipt: string | null;
  acknowledged_at: number | null;
  /** Set when the message arrived in an import bundle rather than by download (migration 0008). */
  bundle_imported_at: number | null;
  /** Arrival order for text search (migration 0009); assigned by the database on insert. */
  search_seq: number | null;
}

/** Each 匯出 of an outgoing message (migration 0009). */
export interface OutgoingExportsTable {
  message_id: string;
  exported_at: number;
  exported_by: string;
  file: string;
}

/** Who imported an incoming message from which bundle file (migration 0009). */
export interface IncomingImportsTable {
  message_id: string;
  imported_at: number;
  imported_by: string;
  file: string;
}

/** One row per party an outgoing message is addressed to, for party search (migration 0009). */
export interface OutgoingRecipientsTable {
  message_id: string;
  party: string;
}

/** Decrypted attachments of incoming messages; same shape as the outgoing ones. */
export type IncomingAttachmentsTable = OutgoingAttachmentsTable;

/** Delivery and refusal receipts of this node's outgoing messages, one per recipient. */
export interface OutgoingReceiptsTable {
  message_id: string;
  recipient: string;
  kind: 'delivery' | 'refusal';
  jws: string;
  signer_kid: string;
  reason: string | null;
  at: number;
  stored_at: number;
}

export interface RefusedDeliveriesTable {
  message_id: string;
  from_party: string;
  reason: string;
  receipt: string;
  refused_at: number;
  settled_at: number | null;
}

export interface TombstonesTable {
  box: string;
  party: string;
  message_id: string;
  deleted_at: number;
  deleted_by: string;
}

export interface KeyChangesTable {
  id: string;
  at: number;
  user_name: string;
  kid: string;
  fingerprint: string;
  valid_from: number;
  valid_to: number;
  reason: string;
}

export interface SchoolKeyFailuresTable {
  at: number;
}

/** Notifications (SPEC §6), node migration 0011. */
export interface NoticeDismissalsTable {
  username: string;
  kind: string;
  scope: string;
  level: number;
  dismissed_at: number;
}

export interface MaintenanceNoticesTable {
  id: string;
  title: string;
  body: string;
  valid_from: number;
  valid_to: number;
  /** JSON array of group codes. */
  groups: string;
  dismissible: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface SecurityEventsTable {
  id: string;
  at: number;
  kind: string;
  actor: string;
  detail: string;
}

export interface DirectoryKeysTable {
  kid: string;
  party: string;
  fingerprint: string;
  x25519: string;
  ed25519: string;
  valid_from: number;
  valid_to: number;
  previous_kid: string | null;
  trust: string;
  seq: number;
}

export interface DirectoryPartiesTable {
  party: string;
  role: string | null;
  revoked: number;
}

/** Transport keys the verified directory lists (node migration 0006). */
export interface DirectoryTransportKeysTable {
  kid: string;
  party: string;
  x: string;
  seq: number;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: number;
  must_change_password: number;
  lang: string | null;
  created_at: number;
  updated_at: number;
  password_changed_at: number;
  last_login_at: number | null;
}

export interface UserGroupsTable {
  user_id: string;
  group_code: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie token. */
  id: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  address: string;
}

export interface LoginFailuresTable {
  at: number;
  username: string;
  address: string;
}

export interface NodeDatabase extends SharedTables {
  users: UsersTable;
  user_groups: UserGroupsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  directory_keys: DirectoryKeysTable;
  directory_parties: DirectoryPartiesTable;
  directory_transport_keys: DirectoryTransportKeysTable;
  outgoing_messages: OutgoingMessagesTable;
  outgoing_attachments: OutgoingAttachmentsTable;
  outgoing_receipts: OutgoingReceiptsTable;
  incoming_messages: IncomingMessagesTable;
  incoming_attachments: IncomingAttachmentsTable;
  outgoing_exports: OutgoingExportsTable;
  incoming_imports: IncomingImportsTable;
  outgoing_recipients: OutgoingRecipientsTable;
  refused_deliveries: RefusedDeliveriesTable;
  tombstones: TombstonesTable;
  key_changes: KeyChangesTable;
  school_key_failures: SchoolKeyFailuresTable;
  security_events: SecurityEventsTable;
  notice_dismissals: NoticeDismissalsTable;
  maintenance_notices: MaintenanceNoticesTable;
}

// The hub's own tables live in schema-hub.ts (re-exported here, so imports stay `./schema.js`).
export type * from './schema-hub.js';

export type Role = 'hub' | 'node';
