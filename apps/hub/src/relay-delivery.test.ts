import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DELIVERY_RECEIPT_FORMAT,
  REFUSAL_RECEIPT_FORMAT,
  signReceipt,
  verifyRecipientReceipt,
  type MailboxPage,
  type ReceiptPage,
  type RecipientReceipt,
} from '@cds/contracts';
import { refusal, send, sendJson, startTestHub, type TestHub } from './testing/hub-http.js';
import {
  newId,
  registerTestParticipant,
  routingHeader,
  sha256Hex,
  storedState,
  type TestParticipant,
} from './testing/relay-fixture.js';

process.env['CDS_LOG_LEVEL'] = 'warn';

let hub: TestHub;
let school: TestParticipant;
let otherSchool: TestParticipant;
let edb: TestParticipant;
let hkeaa: TestParticipant;
const payload = randomBytes(100_000);
let first: { id: string; jws: string };
let second: { id: string; jws: string };
let receiptCursor: string | null = null;

async function upload(sender: TestParticipant, header: { id: string; jws: string }, body: Uint8Array) {
  const response = await send(hub.url, sender, 'PUT', `/v1/messages/${header.id}`, {
    body,
    headers: { 'content-type': 'application/octet-stream', 'cds-header': header.jws },
  });
  expect(response.status).toBe(201);
}

async function json<T>(response: Response): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

/** A receipt as the recipient's node signs it, with its transport key. */
function receiptBy(
  signer: TestParticipant,
  fields: Partial<RecipientReceipt> & { format: RecipientReceipt['format'] },
) {
  const { kty, crv, x, d } = signer.transport;
  return signReceipt(
    {
      messageId: first.id,
      recipient: signer.party,
      payloadSha256: sha256Hex(payload),
      at: Date.now(),
      ...fields,
    } as RecipientReceipt,
    { kid: signer.transport.kid, privateJwk: { kty, crv, x, d } },
  );
}

beforeAll(async () => {
  hub = await startTestHub();
  school = await registerTestParticipant(hub.dataDir, '123456');
  otherSchool = await registerTestParticipant(hub.dataDir, '654321');
  edb = await registerTestParticipant(hub.dataDir, 'EDB');
  hkeaa = await registerTestParticipant(hub.dataDir, 'HKEAA');
  first = await routingHeader(school, [edb, hkeaa], payload);
  await upload(school, first, payload);
  second = await routingHeader(school, [edb], payload);
  await upload(school, second, payload);
});
afterAll(() => hub.close());

describe('mailbox and download', () => {
  it('lists a pending message in its recipients’ mailboxes only, page by page', async () => {
    const page1 = await json<MailboxPage>(await send(hub.url, edb, 'GET', '/v1/mailbox?limit=1'));
    expect(page1.items).toEqual([
      {
        messageId: first.id,
        from: '123456',
        headerJws: first.jws,
        payloadSize: payload.length,
        payloadSha256: sha256Hex(payload),
        acceptedAt: expect.any(Number),
      },
    ]);
    expect(page1.more).toBe(true);
    const page2 = await json<MailboxPage>(
      await send(hub.url, edb, 'GET', `/v1/mailbox?limit=1&after=${page1.cursor}`),
    );
    expect(page2.items.map((item) => item.messageId)).toEqual([second.id]);
    expect(page2.more).toBe(false);
    const page3 = await json<MailboxPage>(
      await send(hub.url, edb, 'GET', `/v1/mailbox?after=${page2.cursor}`),
    );
    expect(page3).toEqual({ items: [], cursor: page2.cursor, more: false });

    const ids = async (who: TestParticipant) =>
      (await json<MailboxPage>(await send(hub.url, who, 'GET', '/v1/mailbox'))).items.map(
        (item) => item.messageId,
      );
    expect(await ids(hkeaa)).toEqual([first.id]);
    expect(await ids(otherSchool)).toEqual([]);
    expect(await ids(school)).toEqual([]);
    expect(await refusal(await send(hub.url, edb, 'GET', '/v1/mailbox?after=bm9wZQ'))).toEqual({
      status: 400,
      code: 'usage.invalid_argument',
    });
    expect(await refusal(await send(hub.url, edb, 'GET', '/v1/mailbox?limit=0'))).toEqual({
      status: 400,
      code: 'validation.failed',
    });
  });

  it('serves the payload to a recipient, whole or from a byte range, and to nobody else', async () => {
    const path = `/v1/messages/${first.id}/payload`;
    const whole = await send(hub.url, edb, 'GET', path);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(payload.length));
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(payload)).toBe(true);

    for (const [range, start, end] of [
      ['bytes=1000-1999', 1000, 1999],
      ['bytes=99000-', 99_000, 99_999],
      ['bytes=-500', 99_500, 99_999],
      ['bytes=99990-200000', 99_990, 99_999],
    ] as const) {
      const part = await send(hub.url, hkeaa, 'GET', path, { headers: { range } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes ${start}-${end}/${payload.length}`);
      expect(Buffer.from(await part.arrayBuffer()).equals(payload.subarray(start, end + 1))).toBe(true);
    }
    const beyond = await send(hub.url, edb, 'GET', path, { headers: { range: 'bytes=100000-' } });
    expect(beyond.headers.get('content-range')).toBe(`bytes */${payload.length}`);
    expect(await refusal(beyond)).toEqual({ status: 416, code: 'relay.range_not_satisfiable' });

    for (const who of [otherSchool, school]) {
      expect(await refusal(await send(hub.url, who, 'GET', path))).toEqual({
        status: 403,
        code: 'relay.not_a_recipient',
      });
    }
    const absent = await send(hub.url, edb, 'GET', `/v1/messages/${newId()}/payload`);
    expect(await refusal(absent)).toEqual({ status: 404, code: 'relay.message_not_found' });
  });
});

describe('delivery and refusal receipts', () => {
  it('takes a recipient’s delivery receipt once and hands it to the sender', async () => {
    const receipt = await receiptBy(edb, { format: DELIVERY_RECEIPT_FORMAT });
    const ack = await json<{ changed: boolean; settledAt: number }>(
      await sendJson(hub.url, edb, `/v1/deliveries/${first.id}/ack`, { receipt }),
    );
    expect(ack).toEqual({
      messageId: first.id,
      recipient: 'EDB',
      state: 'ACKNOWLEDGED',
      settledAt: expect.any(Number),
      changed: true,
    });
    const later = await receiptBy(edb, { format: DELIVERY_RECEIPT_FORMAT, at: Date.now() + 1000 });
    const again = await json(
      await sendJson(hub.url, edb, `/v1/deliveries/${first.id}/ack`, { receipt: later }),
    );
    expect(again).toEqual({ ...ack, changed: false });
    expect((await storedState(hub.dataDir, first.id, sha256Hex(payload))).deliveries).toEqual([
      'EDB:ACKNOWLEDGED',
      'HKEAA:PENDING',
    ]);
    const mailbox = await json<MailboxPage>(await send(hub.url, edb, 'GET', '/v1/mailbox'));
    expect(mailbox.items.map((item) => item.messageId)).toEqual([second.id]);

    const feed = await json<ReceiptPage>(await send(hub.url, school, 'GET', '/v1/receipts'));
    expect(feed.items).toEqual([
      {
        kind: 'delivery',
        messageId: first.id,
        recipient: 'EDB',
        receipt,
        reason: null,
        storedAt: ack.settledAt,
        signerKey: { kty: 'OKP', crv: 'Ed25519', x: edb.transport.x, kid: edb.transport.kid },
      },
    ]);
    expect(await verifyRecipientReceipt(receipt, feed.items[0]!.signerKey)).toMatchObject({
      recipient: 'EDB',
    });
    receiptCursor = feed.cursor;
    expect((await json<ReceiptPage>(await send(hub.url, edb, 'GET', '/v1/receipts'))).items).toEqual([]);

    const refuse = await receiptBy(edb, { format: REFUSAL_RECEIPT_FORMAT, reason: 'too late' });
    const late = await sendJson(hub.url, edb, `/v1/deliveries/${first.id}/refuse`, { receipt: refuse });
    expect(await refusal(late)).toEqual({ status: 409, code: 'relay.delivery_settled' });
  });

  it('refuses receipts that are not the recipient’s own word on this delivery', async () => {
    const ack = (who: TestParticipant, receipt: string, id = second.id) =>
      sendJson(hub.url, who, `/v1/deliveries/${id}/ack`, { receipt });
    const own = { format: DELIVERY_RECEIPT_FORMAT, messageId: second.id } as const;
    const cases: Array<[string, Promise<Response>, number, string]> = [
      ['not a recipient', ack(otherSchool, await receiptBy(otherSchool, own)), 403, 'relay.not_a_recipient'],
      ['no such message', ack(edb, await receiptBy(edb, own), newId()), 404, 'relay.message_not_found'],
      [
        'signed by another party',
        ack(edb, await receiptBy(hkeaa, { ...own, recipient: 'EDB' })),
        422,
        'receipt.invalid',
      ],
      [
        'another payload',
        ack(edb, await receiptBy(edb, { ...own, payloadSha256: 'f'.repeat(64) })),
        422,
        'receipt.invalid',
      ],
      [
        'another message',
        ack(edb, await receiptBy(edb, { ...own, messageId: first.id })),
        422,
        'receipt.invalid',
      ],
      [
        'a refusal sent as an ack',
        ack(edb, await receiptBy(edb, { ...own, format: REFUSAL_RECEIPT_FORMAT, reason: 'x' })),
        422,
        'receipt.invalid',
      ],
      [
        'dated in the future',
        ack(edb, await receiptBy(edb, { ...own, at: Date.now() + 3_600_000 })),
        422,
        'receipt.invalid',
      ],
      ['not a JWS', ack(edb, 'a.b.c'), 422, 'receipt.invalid'],
    ];
    for (const [label, response, status, code] of cases) {
      expect({ label, ...(await refusal(await response)) }).toEqual({ label, status, code });
    }
    expect((await storedState(hub.dataDir, second.id, sha256Hex(payload))).deliveries).toEqual([
      'EDB:PENDING',
    ]);
    const feed = await json<ReceiptPage>(
      await send(hub.url, school, 'GET', `/v1/receipts?after=${receiptCursor}`),
    );
    expect(feed.items).toEqual([]);
  });

  it('records a refusal with its reason and reports it to the sender after its cursor', async () => {
    const reason = 'envelope.payload_hash_mismatch';
    const receipt = await receiptBy(hkeaa, { format: REFUSAL_RECEIPT_FORMAT, reason });
    const path = `/v1/deliveries/${first.id}/refuse`;
    const refused = await json<{ changed: boolean }>(await sendJson(hub.url, hkeaa, path, { receipt }));
    expect(refused).toMatchObject({ state: 'REFUSED', recipient: 'HKEAA', changed: true });
    expect(await json(await sendJson(hub.url, hkeaa, path, { receipt }))).toMatchObject({ changed: false });
    const ack = await receiptBy(hkeaa, { format: DELIVERY_RECEIPT_FORMAT });
    const late = await sendJson(hub.url, hkeaa, `/v1/deliveries/${first.id}/ack`, { receipt: ack });
    expect(await refusal(late)).toEqual({ status: 409, code: 'relay.delivery_settled' });

    const feed = await json<ReceiptPage>(
      await send(hub.url, school, 'GET', `/v1/receipts?after=${receiptCursor}`),
    );
    expect(feed.items).toEqual([
      expect.objectContaining({ kind: 'refusal', messageId: first.id, recipient: 'HKEAA', reason, receipt }),
    ]);
    expect(await verifyRecipientReceipt(receipt, feed.items[0]!.signerKey)).toMatchObject({ reason });
    expect((await json<MailboxPage>(await send(hub.url, hkeaa, 'GET', '/v1/mailbox'))).items).toEqual([]);
  });
});
