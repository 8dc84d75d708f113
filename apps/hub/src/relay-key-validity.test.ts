import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, send, startTestHub, type TestHub } from './testing/hub-http.js';
import {
  registerTestParticipant,
  rekeyTestParticipant,
  routingHeader,
  sha256Hex,
  storedState,
  type TestParticipant,
} from './testing/relay-fixture.js';

/*
 * SPEC §2.3 at the hub's receipt time. The participants register now; the hub then runs 40 days
 * later (CDS_TEST_NOW), when some of their keys have expired and one has been superseded.
 */
process.env['CDS_LOG_LEVEL'] = 'warn';
process.env['CDS_TEST_HOOKS'] = '1';
const DAY = 86_400_000;
const registeredAt = Date.now();
const hubNow = registeredAt + 40 * DAY;

let hub: TestHub;
let edb: TestParticipant;
/** Key valid until registeredAt + 2 days: expired 38 days before the hub's now. */
let lapsed: TestParticipant;
/** Key valid until registeredAt + 15 days: expired 25 days before the hub's now. */
let recent: TestParticipant;
/** The same party before and after a re-key at registeredAt. */
let superseded: TestParticipant;
let successor: TestParticipant;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'cds-relay-keys-'));
  edb = await registerTestParticipant(dataDir, 'EDB');
  lapsed = await registerTestParticipant(dataDir, '123456', registeredAt - 363 * DAY);
  recent = await registerTestParticipant(dataDir, '654321', registeredAt - 350 * DAY);
  superseded = await registerTestParticipant(dataDir, '222222');
  successor = await rekeyTestParticipant(dataDir, superseded);
  process.env['CDS_TEST_NOW'] = String(hubNow);
  hub = await startTestHub({ dataDir });
});
afterAll(async () => {
  delete process.env['CDS_TEST_NOW'];
  await hub.close();
});

async function upload(
  sender: TestParticipant,
  sealedAt: number,
): Promise<Response & { id: string; sha: string }> {
  const payload = randomBytes(300);
  const header = await routingHeader(sender, [edb], payload, { sealedAt });
  const response = await send(hub.url, sender, 'PUT', `/v1/messages/${header.id}`, {
    body: payload,
    now: hubNow,
    headers: { 'content-type': 'application/octet-stream', 'cds-header': header.jws },
  });
  return Object.assign(response, { id: header.id, sha: sha256Hex(payload) });
}

async function expectRefused(response: Response & { id: string; sha: string }, code: string): Promise<void> {
  expect(await refusal(response)).toEqual({ status: 422, code });
  expect(await storedState(hub.dataDir, response.id, response.sha)).toEqual({
    message: null,
    deliveries: [],
    blob: false,
    tempFiles: 0,
  });
}

describe('the sender key rule at the hub’s receipt time (SPEC §2.3)', () => {
  it('accepts a resend sealed while the key was valid if it expired less than 30 days ago', async () => {
    expect((await upload(recent, registeredAt)).status).toBe(201);
    await expectRefused(await upload(lapsed, registeredAt), 'envelope.key_not_valid');
  });

  it('refuses anything an expired key sealed after it expired, and any sealedAt in the future', async () => {
    await expectRefused(await upload(recent, hubNow), 'envelope.key_not_valid');
    await expectRefused(await upload(recent, hubNow + 10 * 60_000), 'envelope.clock_skew');
  });

  it('accepts from a superseded key only what it sealed before the change (+5 minutes)', async () => {
    expect((await upload(superseded, superseded.key.validFrom)).status).toBe(201);
    await expectRefused(await upload(superseded, hubNow - DAY), 'envelope.key_not_valid');
    expect((await upload(successor, hubNow - DAY)).status).toBe(201);
  });
});
