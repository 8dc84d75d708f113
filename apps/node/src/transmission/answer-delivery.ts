import {
  DELIVERY_RECEIPT_FORMAT,
  REFUSAL_RECEIPT_FORMAT,
  hubPaths,
  settleResponseSchema,
  signReceipt,
  type MailboxItem,
} from '@cds/contracts';
import { readTransportKey } from '@cds/keys';
import type { CycleContext } from './cycle-context.js';
import { retrying } from './faults.js';

/** The transport key signs receipts (SPEC §2.2): it needs no School Key, so unattended cycles can. */
async function signer(context: CycleContext) {
  const key = await readTransportKey(context.services.keys.paths.transportKey);
  return { kid: key.kid, privateJwk: { kty: key.kty, crv: key.crv, x: key.x, d: key.d } };
}

export async function signDeliveryReceipt(context: CycleContext, item: MailboxItem): Promise<string> {
  return signReceipt(
    {
      format: DELIVERY_RECEIPT_FORMAT,
      messageId: item.messageId,
      recipient: context.services.config.party,
      payloadSha256: item.payloadSha256,
      at: context.services.keys.clock.now(),
    },
    await signer(context),
  );
}

export async function signRefusalReceipt(
  context: CycleContext,
  item: MailboxItem,
  reason: string,
): Promise<string> {
  return signReceipt(
    {
      format: REFUSAL_RECEIPT_FORMAT,
      messageId: item.messageId,
      recipient: context.services.config.party,
      payloadSha256: item.payloadSha256,
      at: context.services.keys.clock.now(),
      reason,
    },
    await signer(context),
  );
}

/** POST …/ack or …/refuse with a signed receipt; the hub keeps it for the sender. */
export async function settleAtHub(
  context: CycleContext,
  messageId: string,
  action: 'ack' | 'refuse',
  receipt: string,
): Promise<number> {
  const path = action === 'ack' ? hubPaths.acknowledge(messageId) : hubPaths.refuse(messageId);
  const answer = await retrying(context, messageId, 'download', () =>
    context.client.postJson(path, { receipt }),
  );
  return settleResponseSchema.parse(answer).settledAt;
}
