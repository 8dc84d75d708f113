/**
 * Ports a node's transmission cycle needs besides the two message boxes (SPEC §4): the receipts its
 * recipients signed, and the deliveries it refused so they are never fetched again.
 */
import type { Attachment, IncomingMessage } from './model.js';

/** A recipient's signed word on an outgoing message, kept as proof (delivery) or reason (refusal). */
export interface OutgoingReceipt {
  readonly messageId: string;
  readonly recipient: string;
  readonly kind: 'delivery' | 'refusal';
  /** Compact JWS by the recipient's transport key. */
  readonly jws: string;
  readonly signerKid: string;
  readonly reason: string | null;
  /** The recipient's clock when it stored or refused the message. */
  readonly at: number;
  /** When this node verified and kept it. */
  readonly storedAt: number;
}

export interface OutgoingReceiptRepository {
  /** Keeps the first receipt per (message, recipient); false when one was already kept. */
  record(receipt: OutgoingReceipt): Promise<boolean>;
  forMessage(messageId: string): Promise<readonly OutgoingReceipt[]>;
}

/** A delivery this node refused (header or payload failed its checks), with the signed refusal. */
export interface RefusedDelivery {
  readonly messageId: string;
  readonly from: string;
  readonly reason: string;
  /** Compact JWS by this node's transport key, sent again until the hub takes it. */
  readonly receipt: string;
  readonly refusedAt: number;
  /** When the hub took the refusal; null while it still has to be sent. */
  readonly settledAt: number | null;
}

export interface RefusedDeliveryRepository {
  /** Keeps the first refusal of a message; returns the one kept. */
  record(refusal: RefusedDelivery): Promise<RefusedDelivery>;
  get(messageId: string): Promise<RefusedDelivery | null>;
  markSettled(messageId: string, at: number): Promise<void>;
}

export type StoredAttachment = Attachment & { readonly blob: string };

/** An incoming message's payload and, once decrypted, its attachments (written with the status). */
export interface IncomingContentStore {
  /** Blob store key of the sealed payload; null when the message is not stored. */
  payloadBlob(messageId: string): Promise<string | null>;
  attachments(messageId: string): Promise<readonly StoredAttachment[]>;
  /**
   * Writes `changes` if the stored version equals `expectedVersion` and replaces the message's
   * attachments, in one transaction; returns the new row.
   */
  updateWithAttachments(
    messageId: string,
    expectedVersion: number,
    changes: Partial<Omit<IncomingMessage, 'id' | 'version'>>,
    attachments: readonly StoredAttachment[],
  ): Promise<IncomingMessage>;
}
