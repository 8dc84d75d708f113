/**
 * The three signed receipts of the relay (SPEC §2.2, §4). The hub signs the acceptance receipt with
 * its own key; the recipient signs delivery and refusal receipts with its transport key, so the
 * sender holds proof that does not rest on the hub's word alone.
 */
import { z } from 'zod';
import {
  messageIdSchema,
  partySchema,
  sha256HexSchema,
  signerKidSchema,
  wholeNumberSchema,
} from './fields.js';

export const ACCEPTANCE_RECEIPT_FORMAT = 'cds-acceptance-receipt/1';
export const DELIVERY_RECEIPT_FORMAT = 'cds-delivery-receipt/1';
export const REFUSAL_RECEIPT_FORMAT = 'cds-refusal-receipt/1';
/** The `typ` of every receipt JWS; `format` in the payload says which receipt it is. */
export const RECEIPT_JWS_TYPE = 'cds-receipt+jws';
/** A broadcast's acceptance receipt lists every recipient; still far below this. */
export const MAX_RECEIPT_JWS_CHARS = 1024 * 1024;
export const MAX_REFUSAL_REASON_CHARS = 1000;
/** Same ceiling as the routing header's `to`. */
export const MAX_RECEIPT_RECIPIENTS = 5000;

export const acceptanceReceiptSchema = z.strictObject({
  format: z.literal(ACCEPTANCE_RECEIPT_FORMAT),
  messageId: messageIdSchema,
  from: partySchema,
  to: z.array(partySchema).min(1).max(MAX_RECEIPT_RECIPIENTS),
  payloadSha256: sha256HexSchema,
  payloadSize: wholeNumberSchema,
  acceptedAt: wholeNumberSchema,
  hubKid: signerKidSchema,
});

const recipientReceiptFields = {
  messageId: messageIdSchema,
  recipient: partySchema,
  payloadSha256: sha256HexSchema,
  /** The recipient's clock when it stored (or refused) the message. */
  at: wholeNumberSchema,
};

export const deliveryReceiptSchema = z.strictObject({
  format: z.literal(DELIVERY_RECEIPT_FORMAT),
  ...recipientReceiptFields,
});

export const refusalReceiptSchema = z.strictObject({
  format: z.literal(REFUSAL_RECEIPT_FORMAT),
  ...recipientReceiptFields,
  /** Why the node refused it: the failed check's error code, optionally with a short explanation. */
  reason: z.string().min(1).max(MAX_REFUSAL_REASON_CHARS),
});

export const recipientReceiptSchema = z.discriminatedUnion('format', [
  deliveryReceiptSchema,
  refusalReceiptSchema,
]);

export type AcceptanceReceipt = z.infer<typeof acceptanceReceiptSchema>;
export type DeliveryReceipt = z.infer<typeof deliveryReceiptSchema>;
export type RefusalReceipt = z.infer<typeof refusalReceiptSchema>;
export type RecipientReceipt = z.infer<typeof recipientReceiptSchema>;
export type Receipt = AcceptanceReceipt | RecipientReceipt;
