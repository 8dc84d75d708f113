/**
 * Port of the hub's store-and-forward relay (SPEC §4): accepted messages, one delivery per
 * recipient, and the recipients' signed receipts queued for the sender. The payload itself lives
 * in the blob store; rows name it by its SHA-256.
 */
export const DELIVERY_STATES = ['PENDING', 'ACKNOWLEDGED', 'REFUSED'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface RelayedMessage {
  readonly id: string;
  readonly sender: string;
  /** The routing header compact JWS, exactly as the sender signed it. */
  readonly headerJws: string;
  readonly payloadSha256: string;
  readonly payloadSize: number;
  /** Blob store key of the payload (its SHA-256). */
  readonly payloadBlob: string;
  readonly acceptedAt: number;
  /** The hub-signed acceptance receipt given to the sender, returned again on every repeat. */
  readonly acceptanceReceipt: string;
}

export interface Delivery {
  readonly messageId: string;
  readonly recipient: string;
  readonly state: DeliveryState;
  /** When the recipient acknowledged or refused it; null while pending. */
  readonly settledAt: number | null;
}

/** A message waiting in a recipient's mailbox. */
export interface MailboxEntry {
  readonly messageId: string;
  readonly sender: string;
  readonly headerJws: string;
  readonly payloadSha256: string;
  readonly payloadSize: number;
  readonly acceptedAt: number;
}

export type RecipientReceiptKind = 'delivery' | 'refusal';

/** A delivery or refusal receipt as stored for the sender to fetch. */
export interface StoredRecipientReceipt {
  readonly kind: RecipientReceiptKind;
  readonly messageId: string;
  readonly recipient: string;
  /** Compact JWS by the recipient's transport key. */
  readonly jws: string;
  /** The transport key that signed it, so the sender can check the signature. */
  readonly signerKid: string;
  readonly reason: string | null;
  readonly storedAt: number;
}

/**
 * One page of a feed. `cursor` is the position after the last item returned (the request's own
 * cursor when nothing was returned), so a reader can store it and resume; `more` says whether
 * another page is already waiting.
 */
export interface FeedPage<T> {
  readonly items: readonly T[];
  readonly cursor: string | null;
  readonly more: boolean;
}

export interface RelayStore {
  message(id: string): Promise<RelayedMessage | null>;
  /** The subset of `parties` that is registered and not revoked. */
  activeParticipants(parties: readonly string[]): Promise<ReadonlySet<string>>;
  /**
   * Stores the message and one PENDING delivery per recipient in one transaction. When the id
   * exists already (a repeat, or a concurrent identical upload that committed first) nothing is
   * written and the stored message is returned with created = false.
   */
  accept(
    message: RelayedMessage,
    recipients: readonly string[],
  ): Promise<{ created: boolean; message: RelayedMessage }>;
  delivery(messageId: string, recipient: string): Promise<Delivery | null>;
  /** Pending deliveries of `recipient`, oldest first, after an opaque cursor. */
  mailbox(recipient: string, after: string | null, limit: number): Promise<FeedPage<MailboxEntry>>;
  /**
   * Moves a PENDING delivery to ACKNOWLEDGED or REFUSED and queues the receipt for the sender, in
   * one transaction. Settling again to the same state changes nothing (changed = false); settling
   * to the other state throws relay.delivery_settled.
   */
  settle(input: {
    readonly receipt: StoredRecipientReceipt;
    readonly state: Exclude<DeliveryState, 'PENDING'>;
  }): Promise<{ changed: boolean; delivery: Delivery }>;
  /** Receipts for messages `sender` sent, in the order they were stored, after an opaque cursor. */
  receiptsFor(sender: string, after: string | null, limit: number): Promise<FeedPage<StoredRecipientReceipt>>;
}
