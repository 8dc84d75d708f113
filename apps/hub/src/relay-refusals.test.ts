/**
 * The refusal checklist items that concern who may talk to the relay at all: an
 * unregistered or revoked node, and stale, future and replayed requests. Each is refused with its
 * own code on the real upload route, and nothing of the upload remains.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTransportKey } from '@cds/keys';
import { contentDigestOf, signRequest } from '@cds/transport';
import { refusal, send, startTestHub, type TestHub } from './testing/hub-http.js';
import {
  registerTestParticipant,
  routingHeader,
  sha256Hex,
  storedState,
  type TestParticipant,
} from './testing/relay-fixture.js';
import { openHubServices } from './hub-services.js';
import { revokeParticipant } from './use-cases/revoke-participant.js';

process.env['CDS_LOG_LEVEL'] = 'warn';

let hub: TestHub;
let school: TestParticipant;
let revoked: TestParticipant;
let edb: TestParticipant;

beforeAll(async () => {
  hub = await startTestHub();
  school = await registerTestParticipant(hub.dataDir, '123456');
  revoked = await registerTestParticipant(hub.dataDir, '654321');
  edb = await registerTestParticipant(hub.dataDir, 'EDB');
  const services = await openHubServices(hub.dataDir);
  await revokeParticipant(services, { party: '654321', reason: 'test' }).finally(() => services.close());
});
afterAll(() => hub.close());

const MINUTE = 60_000;

async function attempt(sender: TestParticipant, now = Date.now()) {
  const payload = randomBytes(256);
  const header = await routingHeader(sender, [edb], payload);
  const response = await send(hub.url, sender, 'PUT', `/v1/messages/${header.id}`, {
    body: payload,
    now,
    headers: { 'content-type': 'application/octet-stream', 'cds-header': header.jws },
  });
  return {
    ...(await refusal(response)),
    stored: await storedState(hub.dataDir, header.id, sha256Hex(payload)),
  };
}

const NOTHING = { message: null, deliveries: [], blob: false, tempFiles: 0 };

describe('who may upload (SPEC §4 transport authentication)', () => {
  it('refuses a node that never registered and one that was revoked, storing nothing', async () => {
    const stranger: TestParticipant = { ...school, party: '222222', transport: newTransportKey(Date.now()) };
    expect(await attempt(stranger)).toEqual({ status: 401, code: 'transport.unknown_key', stored: NOTHING });
    expect(await attempt(revoked)).toEqual({ status: 401, code: 'transport.unknown_key', stored: NOTHING });
  });

  it('refuses a stale request and one from a clock more than 5 minutes ahead, storing nothing', async () => {
    expect(await attempt(school, Date.now() - 6 * MINUTE)).toEqual({
      status: 401,
      code: 'transport.stale_signature',
      stored: NOTHING,
    });
    expect(await attempt(school, Date.now() + 6 * MINUTE)).toEqual({
      status: 401,
      code: 'transport.clock_skew',
      stored: NOTHING,
    });
  });

  it('refuses the same signed upload a second time and keeps the one copy', async () => {
    const payload = randomBytes(256);
    const header = await routingHeader(school, [edb], payload);
    const url = `${hub.url}/v1/messages/${header.id}`;
    const signature = await signRequest({
      method: 'PUT',
      url,
      key: school.transport,
      now: Date.now(),
      bodyDigest: contentDigestOf(payload),
    });
    const put = () =>
      fetch(url, {
        method: 'PUT',
        headers: { ...signature, 'content-type': 'application/octet-stream', 'cds-header': header.jws },
        body: payload,
      });
    expect((await put()).status).toBe(201);
    const before = await storedState(hub.dataDir, header.id, sha256Hex(payload));
    expect(await refusal(await put())).toEqual({ status: 401, code: 'transport.replayed' });
    expect(await storedState(hub.dataDir, header.id, sha256Hex(payload))).toEqual(before);
    expect(before.deliveries).toEqual(['EDB:PENDING']);
  });
});
