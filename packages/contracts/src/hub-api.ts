/**
 * The relay part of the hub API (SPEC §4): paths, request and response bodies. The hub validates
 * with these schemas and the node parses the hub's answers with the same ones, so the two cannot
 * drift. Every route is signed with the caller's transport key (RFC 9421).
 */
import { z } from 'zod';
import {
  ed25519PublicJwkSchema,
  messageIdSchema,
  partySchema,
  sha256HexSchema,
  wholeNumberSchema,
} from './fields.js';
import { MAX_RECEIPT_JWS_CHARS } from './receipts.js';

/** `PUT /v1/messages/:id` carries the routing header JWS in this request header. */
export const ROUTING_HEADER_FIELD = 'cds-header';
/** The upload body is the age file itself, streamed. */
export const PAYLOAD_MEDIA_TYPE = 'application/octet-stream';
/** The hub's largest accepted routing header JWS (a broadcast to every school fits easily). */
export const MAX_ROUTING_HEADER_CHARS = 512 * 1024;

export const DEFAULT_FEED_LIMIT = 100;
export const MAX_FEED_LIMIT = 500;

export const hubPaths = {
  message: (id: string) => `/v1/messages/${id}`,
  acceptanceReceipt: (id: string) => `/v1/messages/${id}/receipt`,
  payload: (id: string) => `/v1/messages/${id}/payload`,
  mailbox: '/v1/mailbox',
  acknowledge: (id: string) => `/v1/deliveries/${id}/ack`,
  refuse: (id: string) => `/v1/deliveries/${id}/refuse`,
  receipts: '/v1/receipts',
} as const;

export const messageParamsSchema = z.object({ id: messageIdSchema });

/** The answer to an upload (201 first time, 200 on a repeat) and to `GET …/receipt`. */
export const acceptanceResponseSchema = z.object({
  /** Compact JWS by the hub key over an AcceptanceReceipt. */
  receipt: z.string(),
});

/** `?after=CURSOR&limit=N` of the mailbox and receipt feeds; the cursor is opaque. */
export const feedQuerySchema = z.object({
  after: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_FEED_LIMIT).default(DEFAULT_FEED_LIMIT),
});

function feedPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Resume here next time; the request's own cursor when the page is empty. */
    cursor: z.string().nullable(),
    /** Another page is waiting now. */
    more: z.boolean(),
  });
}

export const mailboxItemSchema = z.object({
  messageId: messageIdSchema,
  from: partySchema,
  /** The routing header JWS as the sender signed it; the node verifies it before trusting it. */
  headerJws: z.string(),
  payloadSize: wholeNumberSchema,
  payloadSha256: sha256HexSchema,
  acceptedAt: wholeNumberSchema,
});
export const mailboxPageSchema = feedPageSchema(mailboxItemSchema);

/** Body of `POST /v1/deliveries/:id/ack` (a delivery receipt) and `…/refuse` (a refusal receipt). */
export const settleRequestSchema = z.object({
  receipt: z.string().min(1).max(MAX_RECEIPT_JWS_CHARS),
});

export const settleResponseSchema = z.object({
  messageId: messageIdSchema,
  recipient: partySchema,
  state: z.enum(['ACKNOWLEDGED', 'REFUSED']),
  settledAt: wholeNumberSchema,
  /** false when this repeated an earlier acknowledgement or refusal. */
  changed: z.boolean(),
});

export const receiptListItemSchema = z.object({
  kind: z.enum(['delivery', 'refusal']),
  messageId: messageIdSchema,
  recipient: partySchema,
  /** Compact JWS by the recipient's transport key over a DeliveryReceipt or RefusalReceipt. */
  receipt: z.string(),
  reason: z.string().nullable(),
  storedAt: wholeNumberSchema,
  /**
   * The recipient's transport key as registered at the hub. Transport keys are not in the signed
   * directory yet, so this binding of key to party rests on the hub's word.
   */
  signerKey: ed25519PublicJwkSchema,
});
export const receiptPageSchema = feedPageSchema(receiptListItemSchema);

export type AcceptanceResponse = z.infer<typeof acceptanceResponseSchema>;
export type FeedQuery = z.infer<typeof feedQuerySchema>;
export type MailboxItem = z.infer<typeof mailboxItemSchema>;
export type MailboxPage = z.infer<typeof mailboxPageSchema>;
export type SettleRequest = z.infer<typeof settleRequestSchema>;
export type SettleResponse = z.infer<typeof settleResponseSchema>;
export type ReceiptListItem = z.infer<typeof receiptListItemSchema>;
export type ReceiptPage = z.infer<typeof receiptPageSchema>;
