/**
 * The message model (SPEC §3). Plain data: times are UTC epoch milliseconds, ids lowercase UUIDv7.
 * Status codes are the ones the CLI prints and the state machines accept.
 */
export const OUTGOING_STATUSES = [
  'READY',
  'PROCESSING',
  'SENT',
  'RECEIVED',
  'SEND_FAIL',
  'REJECTED',
] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];

export const INCOMING_STATUSES = [
  'ENCRYPTED',
  'DECRYPTED',
  'DECRYPT_FAIL',
  'IMPORTED',
  'IMPORT_FAIL',
] as const;
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];

export const PRIORITIES = ['NORMAL', 'URGENT'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ENCRYPTION_LEVELS = ['RESTRICTED', 'CONFIDENTIAL'] as const;
export type EncryptionLevel = (typeof ENCRYPTION_LEVELS)[number];

/** Fields both boxes share: what the routing header carries (SPEC §2.4). */
export interface MessageHeaderFields {
  readonly id: string;
  readonly subject: string;
  readonly type: string;
  readonly priority: Priority;
  readonly encryptionLevel: EncryptionLevel;
  readonly description: string;
  readonly schoolReference: string | null;
  readonly replyDeadline: number | null;
  readonly replyToId: string | null;
}

export interface OutgoingMessage extends MessageHeaderFields {
  readonly to: readonly string[];
  readonly status: OutgoingStatus;
  readonly owner: string;
  readonly sourceModule: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly sealedAt: number | null;
  readonly sentAt: number | null;
  readonly receivedAt: number | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly exportedAt: number | null;
  readonly archived: boolean;
  /** Optimistic concurrency: bumped on every write, checked by the repository. */
  readonly version: number;
  /**
   * The sealed envelope, set when the message is sealed and never changed after: a resend uploads
   * exactly these bytes again, so the hub can recognise the repeat.
   */
  readonly headerJws: string | null;
  /** Blob store key of the age payload. */
  readonly payloadBlob: string | null;
  readonly payloadSha256: string | null;
  readonly payloadSize: number | null;
  /** Party → key id the payload was sealed to; a resend is refused once a recipient's key changed. */
  readonly recipientKids: Readonly<Record<string, string>> | null;
  /** The hub-signed acceptance receipt (compact JWS), kept as proof of the upload. */
  readonly acceptanceReceipt: string | null;
}

export interface IncomingMessage extends MessageHeaderFields {
  readonly from: string;
  readonly status: IncomingStatus;
  readonly receivedAt: number;
  readonly updatedAt: number;
  readonly read: boolean;
  readonly decryptedBy: string | null;
  readonly decryptedAt: number | null;
  readonly importedBy: string | null;
  readonly importedAt: number | null;
  readonly importResult: string | null;
  readonly businessState: string | null;
  readonly lastError: string | null;
  readonly archived: boolean;
  readonly version: number;
  /** The routing header JWS as the sender signed it (verified before the message was stored). */
  readonly headerJws: string | null;
  readonly payloadSha256: string | null;
  readonly payloadSize: number | null;
  /**
   * The delivery receipt signed with this node's transport key when the message was stored, so it
   * can be sent again if the acknowledgement is lost; acknowledgedAt is when the hub took it.
   */
  readonly deliveryReceipt: string | null;
  readonly acknowledgedAt: number | null;
}

export interface Attachment {
  readonly messageId: string;
  readonly ordinal: number;
  readonly displayName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

export type Box = 'outgoing' | 'incoming';

/** A deleted message leaves this behind so no later download or import re-creates it (SPEC §3.2). */
export interface Tombstone {
  readonly box: Box;
  readonly party: string;
  readonly messageId: string;
  readonly deletedAt: number;
  readonly deletedBy: string;
}
