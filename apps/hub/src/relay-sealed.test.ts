import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DELIVERY_RECEIPT_FORMAT,
  signReceipt,
  verifyRecipientReceipt,
  type MailboxPage,
  type ReceiptPage,
} from '@cds/contracts';
import { openPayload, sealPayload, verifyHeader } from '@cds/envelope';
import { publicPartOf } from '@cds/keys';
import { send, sendJson, startTestHub, type TestHub } from './testing/hub-http.js';
import {
  newId,
  registerTestParticipant,
  routingHeader,
  type TestParticipant,
} from './testing/relay-fixture.js';

process.env['CDS_LOG_LEVEL'] = 'warn';

let hub: TestHub;
let school: TestParticipant;
let edb: TestParticipant;

beforeAll(async () => {
  hub = await startTestHub();
  school = await registerTestParticipant(hub.dataDir, '123456');
  edb = await registerTestParticipant(hub.dataDir, 'EDB');
});
afterAll(() => hub.close());

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('one message’s journey through the hub (DESIGN §2 steps 3–6)', () => {
  it('carries a sealed envelope from a school to EDB, which resumes the download, opens it and acknowledges', async () => {
    const attachment = randomBytes(200_000);
    const sealed = sealPayload({
      messageId: newId(),
      sender: {
        kid: school.key.kid,
        privateJwk: school.key.ed25519,
        ageRecipient: publicPartOf(school.key).x25519,
      },
      recipients: [publicPartOf(edb.key).x25519],
      attachments: [
        {
          displayName: '表格A.csv',
          mediaType: 'text/csv',
          size: attachment.length,
          sha256: createHash('sha256').update(attachment).digest('hex'),
          open: () => Readable.from([attachment]),
        },
      ],
    });
    const payload = await collect(sealed.stream);
    const digest = await sealed.done;
    const header = await routingHeader(school, [edb], payload, { id: sealed.manifest.messageId });
    const uploaded = await send(hub.url, school, 'PUT', `/v1/messages/${header.id}`, {
      body: payload,
      headers: { 'content-type': 'application/octet-stream', 'cds-header': header.jws },
    });
    expect(uploaded.status).toBe(201);

    // EDB's cycle: list, verify the header with the sender's key, download in two pieces, open.
    const [item] = ((await (await send(hub.url, edb, 'GET', '/v1/mailbox')).json()) as MailboxPage).items;
    const verified = await verifyHeader(item!.headerJws, {
      kty: 'OKP',
      crv: 'Ed25519',
      x: school.key.ed25519.x,
    });
    expect(verified).toMatchObject({ id: header.id, payloadSha256: digest.sha256, payloadSize: digest.size });
    const path = `/v1/messages/${header.id}/payload`;
    const half = Math.floor(payload.length / 2);
    const head = await send(hub.url, edb, 'GET', path, { headers: { range: `bytes=0-${half - 1}` } });
    const tail = await send(hub.url, edb, 'GET', path, { headers: { range: `bytes=${half}-` } });
    const downloaded = Buffer.concat([
      Buffer.from(await head.arrayBuffer()),
      Buffer.from(await tail.arrayBuffer()),
    ]);
    const opened = await openPayload({
      payload: Readable.from([downloaded]),
      identities: [{ kind: 'x25519', identity: edb.key.x25519 }],
      expected: {
        messageId: header.id,
        senderPublicJwk: { kty: 'OKP', crv: 'Ed25519', x: school.key.ed25519.x },
        payload: digest,
      },
      sink: (_attachment, content) => collect(content),
    });
    expect(opened.attachments.map((a) => [a.displayName, a.stored.equals(attachment)])).toEqual([
      ['表格A.csv', true],
    ]);

    const { kty, crv, x, d } = edb.transport;
    const receipt = await signReceipt(
      {
        format: DELIVERY_RECEIPT_FORMAT,
        messageId: header.id,
        recipient: 'EDB',
        payloadSha256: digest.sha256,
        at: Date.now(),
      },
      { kid: edb.transport.kid, privateJwk: { kty, crv, x, d } },
    );
    expect((await sendJson(hub.url, edb, `/v1/deliveries/${header.id}/ack`, { receipt })).status).toBe(200);
    const feed = (await (await send(hub.url, school, 'GET', '/v1/receipts')).json()) as ReceiptPage;
    expect(feed.items).toHaveLength(1);
    expect(await verifyRecipientReceipt(feed.items[0]!.receipt, feed.items[0]!.signerKey)).toMatchObject({
      messageId: header.id,
      recipient: 'EDB',
      payloadSha256: digest.sha256,
    });
  });
});
