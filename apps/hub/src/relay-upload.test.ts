import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTANCE_RECEIPT_FORMAT, verifyAcceptanceReceipt } from '@cds/contracts';
import { refusal, send, startTestHub, type SendOptions, type TestHub } from './testing/hub-http.js';
import {
  newId,
  registerTestParticipant,
  routingHeader,
  sha256Hex,
  storedState,
  strangerKey,
  type TestParticipant,
} from './testing/relay-fixture.js';
import { openHubServices } from './hub-services.js';
import { revokeParticipant } from './use-cases/revoke-participant.js';

process.env['CDS_LOG_LEVEL'] = 'warn';
const MAX_PAYLOAD = 1024 * 1024;

let hub: TestHub;
let school: TestParticipant;
let otherSchool: TestParticipant;
let edb: TestParticipant;
let hkeaa: TestParticipant;

beforeAll(async () => {
  hub = await startTestHub({ maxPayloadBytes: MAX_PAYLOAD });
  school = await registerTestParticipant(hub.dataDir, '123456');
  otherSchool = await registerTestParticipant(hub.dataDir, '654321');
  edb = await registerTestParticipant(hub.dataDir, 'EDB');
  hkeaa = await registerTestParticipant(hub.dataDir, 'HKEAA');
  await registerTestParticipant(hub.dataDir, 'SFO');
  const services = await openHubServices(hub.dataDir);
  await revokeParticipant(services, { party: 'SFO', reason: 'test' }).finally(() => services.close());
});
afterAll(() => hub.close());

function upload(
  sender: TestParticipant,
  header: { id: string; jws: string },
  body: Uint8Array,
  options: SendOptions & { path?: string } = {},
): Promise<Response> {
  return send(hub.url, sender, 'PUT', options.path ?? `/v1/messages/${header.id}`, {
    body,
    ...options,
    headers: { 'content-type': 'application/octet-stream', 'cds-header': header.jws, ...options.headers },
  });
}

async function hubKey(): Promise<{ kid: string; x: string }> {
  return ((await (await fetch(`${hub.url}/v1/hub`)).json()) as { hubKey: { kid: string; x: string } }).hubKey;
}

/** Nothing of a refused upload may remain: no row, no blob, no temporary file. */
async function expectNothingStored(id: string, payload: Uint8Array): Promise<void> {
  expect(await storedState(hub.dataDir, id, sha256Hex(payload))).toEqual({
    message: null,
    deliveries: [],
    blob: false,
    tempFiles: 0,
  });
}

describe('PUT /v1/messages/:id', () => {
  it('accepts a payload with a hub-signed receipt, stores it once and answers a repeat with the same receipt', async () => {
    const payload = randomBytes(10_000);
    const header = await routingHeader(school, [edb, hkeaa], payload);
    const first = await upload(school, header, payload);
    expect(first.status).toBe(201);
    const { receipt } = (await first.json()) as { receipt: string };
    expect(await verifyAcceptanceReceipt(receipt, await hubKey())).toEqual({
      format: ACCEPTANCE_RECEIPT_FORMAT,
      messageId: header.id,
      from: '123456',
      to: ['EDB', 'HKEAA'],
      payloadSha256: sha256Hex(payload),
      payloadSize: 10_000,
      acceptedAt: expect.any(Number),
      hubKid: (await hubKey()).kid,
    });
    const stored = await storedState(hub.dataDir, header.id, sha256Hex(payload));
    expect(stored).toMatchObject({ deliveries: ['EDB:PENDING', 'HKEAA:PENDING'], blob: true, tempFiles: 0 });
    expect(stored.message).toMatchObject({ header_jws: header.jws, acceptance_receipt: receipt });

    const again = await upload(school, header, payload);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ receipt });
    expect(await storedState(hub.dataDir, header.id, sha256Hex(payload))).toEqual(stored);

    // SEND_FAIL recovery: the sender fetches the receipt; for anyone else the message does not exist.
    const fetched = await send(hub.url, school, 'GET', `/v1/messages/${header.id}/receipt`);
    expect(await fetched.json()).toEqual({ receipt });
    const stranger = await send(hub.url, edb, 'GET', `/v1/messages/${header.id}/receipt`);
    expect(await refusal(stranger)).toEqual({ status: 404, code: 'relay.message_not_found' });
    const absent = await send(hub.url, school, 'GET', `/v1/messages/${newId()}/receipt`);
    expect(await refusal(absent)).toEqual({ status: 404, code: 'relay.message_not_found' });
  });

  it('refuses other content under an id already accepted and keeps the original', async () => {
    const payload = randomBytes(1000);
    const header = await routingHeader(school, [edb], payload);
    expect((await upload(school, header, payload)).status).toBe(201);
    const before = await storedState(hub.dataDir, header.id, sha256Hex(payload));
    const other = randomBytes(1000);
    const changed = await upload(school, await routingHeader(school, [edb], other, { id: header.id }), other);
    expect(await refusal(changed)).toEqual({ status: 409, code: 'relay.id_conflict' });
    expect(await storedState(hub.dataDir, header.id, sha256Hex(payload))).toEqual(before);
    expect((await storedState(hub.dataDir, header.id, sha256Hex(other))).blob).toBe(false);
  });

  it('stores concurrent identical uploads once, and every one gets the same receipt', async () => {
    const payload = randomBytes(512 * 1024);
    const header = await routingHeader(school, [edb], payload);
    const responses = await Promise.all([1, 2, 3, 4].map(() => upload(school, header, payload)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 201]);
    const receipts = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { receipt: string }).receipt),
    );
    expect(new Set(receipts).size).toBe(1);
    expect(await storedState(hub.dataDir, header.id, sha256Hex(payload))).toMatchObject({
      deliveries: ['EDB:PENDING'],
      blob: true,
      tempFiles: 0,
    });
  });

  it('refuses forged, misaddressed and malformed headers, each with its own code', async () => {
    const payload = randomBytes(2000);
    const cases: Array<
      [string, { id: string; jws: string }, SendOptions & { path?: string }, number, string]
    > = [
      [
        'signed by another key',
        await routingHeader(school, [edb], payload, { signWith: strangerKey() }),
        {},
        422,
        'envelope.header_signature_invalid',
      ],
      [
        'a key the sender never published',
        await routingHeader(school, [edb], payload, {
          senderKid: 'fedcba9876543210',
          signWith: strangerKey(),
        }),
        {},
        422,
        'envelope.unknown_sender_key',
      ],
      [
        'another party’s header',
        await routingHeader(otherSchool, [edb], payload),
        {},
        403,
        'relay.sender_mismatch',
      ],
      [
        'for another id',
        await routingHeader(school, [edb], payload),
        { path: `/v1/messages/${newId()}` },
        400,
        'relay.id_mismatch',
      ],
      [
        'no header',
        { id: newId(), jws: '' },
        { headers: { 'cds-header': '' } },
        400,
        'envelope.header_invalid',
      ],
      ['not a JWS', { id: newId(), jws: 'not.a.jws' }, {}, 400, 'envelope.header_invalid'],
      [
        'another media type',
        await routingHeader(school, [edb], payload),
        { headers: { 'content-type': 'text/plain' } },
        400,
        'validation.failed',
      ],
    ];
    for (const [label, header, options, status, code] of cases) {
      const response = await upload(school, header, payload, options);
      expect({ label, ...(await refusal(response)) }).toEqual({ label, status, code });
      await expectNothingStored(header.id, payload);
    }
  });

  it('refuses unknown and revoked recipients, even in a broadcast whose header exceeds 16 KiB', async () => {
    const payload = randomBytes(500);
    const schools = Array.from({ length: 3000 }, (_, i) => String(200_000 + i));
    for (const to of [['EDB', '111111'], ['SFO'], schools]) {
      const header = await routingHeader(school, to, payload);
      const response = await upload(school, header, payload);
      expect(await refusal(response)).toEqual({ status: 422, code: 'relay.unknown_recipient' });
      await expectNothingStored(header.id, payload);
    }
  });

  it('refuses a header sealed in the future or before its key was valid', async () => {
    const payload = randomBytes(500);
    const future = await routingHeader(school, [edb], payload, { sealedAt: Date.now() + 10 * 60_000 });
    expect(await refusal(await upload(school, future, payload))).toEqual({
      status: 422,
      code: 'envelope.clock_skew',
    });
    await expectNothingStored(future.id, payload);
    const backdated = await routingHeader(school, [edb], payload, {
      sealedAt: school.key.validFrom - 86_400_000,
    });
    expect(await refusal(await upload(school, backdated, payload))).toEqual({
      status: 422,
      code: 'envelope.key_not_valid',
    });
    await expectNothingStored(backdated.id, payload);
  });

  it('refuses a payload over the hub limit or of another length than the header declares', async () => {
    const big = randomBytes(MAX_PAYLOAD + 1);
    const tooLarge = await routingHeader(school, [edb], big);
    expect(await refusal(await upload(school, tooLarge, big))).toEqual({
      status: 413,
      code: 'relay.too_large',
    });
    await expectNothingStored(tooLarge.id, big);

    const payload = randomBytes(100);
    const header = await routingHeader(school, [edb], payload);
    const declaredLonger = await upload(school, header, payload.subarray(0, 99), { signedBody: payload });
    expect(await refusal(declaredLonger)).toEqual({ status: 400, code: 'relay.size_mismatch' });
    // Without Content-Length the count is made while streaming: short and long bodies both fail.
    for (const body of [payload.subarray(0, 99), Buffer.concat([payload, Buffer.from('!')])]) {
      const chunked = await upload(school, await routingHeader(school, [edb], payload), body, {
        signedBody: payload,
        chunked: true,
      });
      expect(await refusal(chunked)).toEqual({ status: 400, code: 'relay.size_mismatch' });
    }
    await expectNothingStored(header.id, payload);
  });

  it('refuses a body that is not the payload the header and the signature name', async () => {
    const payload = randomBytes(4096);
    const swapped = randomBytes(4096);
    const header = await routingHeader(school, [edb], payload);
    const damaged = await upload(school, header, swapped, { signedBody: payload });
    expect(await refusal(damaged)).toEqual({ status: 422, code: 'envelope.payload_hash_mismatch' });
    const unsigned = await upload(school, header, payload, { signedBody: swapped });
    expect(await refusal(unsigned)).toEqual({ status: 400, code: 'transport.bad_digest' });
    await expectNothingStored(header.id, payload);
    expect((await storedState(hub.dataDir, header.id, sha256Hex(swapped))).blob).toBe(false);
  });
});
