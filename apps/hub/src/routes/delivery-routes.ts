import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  feedQuerySchema,
  mailboxPageSchema,
  messageParamsSchema,
  receiptPageSchema,
  settleRequestSchema,
  settleResponseSchema,
} from '@cds/contracts';
import type { CdsApp } from '@cds/http';
import type { HubContext } from '../hub-context.js';
import { listMailbox } from '../use-cases/list-mailbox.js';
import { listReceipts } from '../use-cases/list-receipts.js';
import { acknowledgeDelivery, refuseDelivery } from '../use-cases/settle-delivery.js';
import type { TransportAuth } from './transport-auth.js';

/** The recipient's side (mailbox, ack, refuse) and the sender's receipt feed (DESIGN §2 steps 5–6). */
export function registerDeliveryRoutes(app: CdsApp, context: HubContext, auth: TransportAuth): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/mailbox',
    { schema: { querystring: feedQuerySchema, response: { 200: mailboxPageSchema } } },
    async (request) => {
      const verified = await auth.verify(request);
      const { after, limit } = request.query;
      return listMailbox(context, { caller: verified.party, after: after ?? null, limit });
    },
  );

  for (const [action, settle] of [
    ['ack', acknowledgeDelivery],
    ['refuse', refuseDelivery],
  ] as const) {
    typed.post(
      `/v1/deliveries/:id/${action}`,
      {
        schema: {
          params: messageParamsSchema,
          body: settleRequestSchema,
          response: { 200: settleResponseSchema },
        },
      },
      async (request) => {
        const verified = await auth.verify(request);
        return settle(context, {
          id: request.params.id,
          caller: verified.party,
          receipt: request.body.receipt,
        });
      },
    );
  }

  typed.get(
    '/v1/receipts',
    { schema: { querystring: feedQuerySchema, response: { 200: receiptPageSchema } } },
    async (request) => {
      const verified = await auth.verify(request);
      const { after, limit } = request.query;
      return listReceipts(context, { caller: verified.party, after: after ?? null, limit });
    },
  );
}
