import { AppError, type TransportKeyRow } from '@cds/domain';
import type { ReceiptPage } from '@cds/contracts';
import type { HubContext } from '../hub-context.js';

/**
 * GET /v1/receipts: delivery and refusal receipts for messages the caller sent, in the order the
 * hub stored them. Each comes with the transport key that signed it, so the sender can verify it.
 */
export async function listReceipts(
  context: HubContext,
  input: { readonly caller: string; readonly after: string | null; readonly limit: number },
): Promise<ReceiptPage> {
  const page = await context.relay.receiptsFor(input.caller, input.after, input.limit);
  const keys = new Map<string, TransportKeyRow>();
  const keyOf = async (kid: string): Promise<TransportKeyRow> => {
    const known = keys.get(kid) ?? (await context.registry.transportKey(kid));
    // Transport keys are revoked, never deleted, so a receipt's signer is always on record.
    if (!known) throw new AppError('internal.unexpected', { detail: `transport key ${kid} is gone` });
    keys.set(kid, known);
    return known;
  };
  const items = [];
  for (const receipt of page.items) {
    const key = await keyOf(receipt.signerKid);
    items.push({
      kind: receipt.kind,
      messageId: receipt.messageId,
      recipient: receipt.recipient,
      receipt: receipt.jws,
      reason: receipt.reason,
      storedAt: receipt.storedAt,
      signerKey: { ...key.publicJwk, kid: key.kid },
    });
  }
  return { items, cursor: page.cursor, more: page.more };
}
