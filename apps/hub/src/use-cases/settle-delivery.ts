import { AppError, SEALED_AT_MAX_SKEW_MS, type DeliveryState } from '@cds/domain';
import {
  DELIVERY_RECEIPT_FORMAT,
  REFUSAL_RECEIPT_FORMAT,
  receiptSignerKid,
  verifyRecipientReceipt,
  type SettleResponse,
} from '@cds/contracts';
import { faultPoint } from '@cds/platform';
import type { HubContext } from '../hub-context.js';

export interface SettleInput {
  readonly id: string;
  /** The party whose transport key signed the request. */
  readonly caller: string;
  /** The receipt JWS, signed by a transport key of the caller. */
  readonly receipt: string;
}

type Outcome = Exclude<DeliveryState, 'PENDING'>;

const FORMAT_FOR: Record<Outcome, string> = {
  ACKNOWLEDGED: DELIVERY_RECEIPT_FORMAT,
  REFUSED: REFUSAL_RECEIPT_FORMAT,
};

function invalid(detail: string): AppError {
  return new AppError('receipt.invalid', { detail });
}

/**
 * The recipient's word on a delivery (DESIGN §2 step 5): its signed receipt is checked against the
 * delivery it speaks of before the hub keeps it for the sender. The signer may be any live transport
 * key of the caller, not only the one on this request: a receipt queued before a key rotation stays
 * good.
 */
async function settleDelivery(
  context: HubContext,
  input: SettleInput,
  outcome: Outcome,
): Promise<SettleResponse> {
  const now = context.clock.now();
  const message = await context.relay.message(input.id);
  if (!message) throw new AppError('relay.message_not_found', { id: input.id });
  if (!(await context.relay.delivery(input.id, input.caller))) {
    throw new AppError('relay.not_a_recipient', { id: input.id, party: input.caller });
  }

  const kid = receiptSignerKid(input.receipt);
  const key = await context.registry.transportKey(kid);
  if (!key || key.party !== input.caller || key.revokedAt !== null) {
    throw invalid(`signed by ${kid}, which is not a live transport key of ${input.caller}`);
  }
  const receipt = await verifyRecipientReceipt(input.receipt, key.publicJwk);
  if (receipt.format !== FORMAT_FOR[outcome])
    throw invalid(`a ${receipt.format} cannot settle as ${outcome}`);
  if (receipt.messageId !== input.id) throw invalid(`it is for message ${receipt.messageId}`);
  if (receipt.recipient !== input.caller) throw invalid(`it is for recipient ${receipt.recipient}`);
  if (receipt.payloadSha256 !== message.payloadSha256) throw invalid('it names another payload SHA-256');
  if (receipt.at > now + SEALED_AT_MAX_SKEW_MS) throw invalid('it is dated in the future');

  const result = await context.relay.settle({
    state: outcome,
    receipt: {
      kind: receipt.format === REFUSAL_RECEIPT_FORMAT ? 'refusal' : 'delivery',
      messageId: input.id,
      recipient: input.caller,
      jws: input.receipt,
      signerKid: kid,
      reason: receipt.format === REFUSAL_RECEIPT_FORMAT ? receipt.reason : null,
      storedAt: now,
    },
  });
  faultPoint('hub.ack.committed');
  return {
    messageId: input.id,
    recipient: input.caller,
    state: outcome,
    settledAt: result.delivery.settledAt ?? now,
    changed: result.changed,
  };
}

/** POST /v1/deliveries/:id/ack: the recipient stored the payload durably. */
export function acknowledgeDelivery(context: HubContext, input: SettleInput): Promise<SettleResponse> {
  return settleDelivery(context, input, 'ACKNOWLEDGED');
}

/** POST /v1/deliveries/:id/refuse: the recipient's checks failed; it will never fetch it again. */
export function refuseDelivery(context: HubContext, input: SettleInput): Promise<SettleResponse> {
  return settleDelivery(context, input, 'REFUSED');
}
