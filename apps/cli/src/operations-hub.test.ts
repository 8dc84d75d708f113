/**
 * 測試連線 and 系統註冊 against a real hub on loopback (in this process, real SQLite, real keys): every
 * step of the checklist passes for the hub and fails where it should for an unreachable URL, a
 * swapped hub key and a wrong clock; the web API registers a node with an operator's code.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '@cds/http';
import { issueRegistrationCode, openHubServices, startHub } from '@cds/hub';
import { initKeyring } from '@cds/keys';
import {
  addUser,
  authContextOf,
  changeNodeSchoolKey,
  checkHubUrl,
  hubClientFor,
  initNode,
  openNodeServices,
  refreshDirectory,
  registerNode,
  setHubConnection,
  startNode,
  submitKeyStatements,
  testHubConnection,
  type NodeServices,
} from '@cds/node';
import { freePort } from './testing/cli-harness.js';

process.env['CDS_TEST_HOOKS'] = '1';
process.env['CDS_TEST_SCRYPT_LOGN'] = '10';

let root: string;
let hub: RunningServer;
let hubUrl: string;
let school: NodeServices;

const code = async (party: string, purpose: 'registration' | 'key-recovery' = 'registration') => {
  const services = await openHubServices(join(root, 'hub'));
  try {
    return (await issueRegistrationCode(services, { party, purpose })).code;
  } finally {
    await services.close();
  }
};

async function schoolNode(party: string): Promise<NodeServices> {
  const dataDir = join(root, party);
  await initNode({ dataDir, party, nodeRole: 'school', hubUrls: [hubUrl] });
  const services = await openNodeServices(dataDir);
  await initKeyring(services.keys, Buffer.from(`School-Key-For-${party}-2026`), 'test');
  return services;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cds-ops-hub-'));
  const port = await freePort();
  hub = await startHub({ dataDir: join(root, 'hub'), host: '127.0.0.1', port, handleSignals: false });
  hubUrl = `http://127.0.0.1:${port}`;
  school = await schoolNode('123456');
});
afterAll(async () => {
  await school?.close();
  await hub?.close();
  await rm(root, { recursive: true, force: true });
});

const states = (check: { steps: readonly { step: string; state: string }[] }) =>
  check.steps.map((step) => `${step.step}:${step.state}`);

describe('測試連線 (test-hub-connection)', () => {
  it('passes every step for the hub and stops at TCP for an unreachable URL', async () => {
    const { checks } = await testHubConnection(school, { urls: [hubUrl, 'http://127.0.0.1:9'] });
    const [good, bad] = checks;
    expect(states(good!)).toEqual([
      'dns:ok',
      'tcp:ok',
      'tls:not_applicable',
      'http:ok',
      'signature:ok',
      'clock:ok',
    ]);
    expect(good!.ok).toBe(true);
    expect(good!.steps[4]!.detail).toMatchObject({ pinned: false, directorySeq: 0 });
    expect(Math.abs(Number(good!.steps[5]!.detail['skewSeconds']))).toBeLessThanOrEqual(1);
    expect(states(bad!)).toEqual([
      'dns:ok',
      'tcp:failed',
      'tls:not_applicable',
      'http:skipped',
      'signature:skipped',
      'clock:skipped',
    ]);
    expect(bad!.steps[1]!.error).toEqual({
      code: 'connection.tcp_failed',
      details: { host: '127.0.0.1', port: 9, detail: 'ECONNREFUSED' },
    });
  });

  it('after registration checks the pinned hub key and the signed directory head', async () => {
    await registerNode(school, await hubClientFor(school), await code('123456'));
    const [check] = (await testHubConnection(school)).checks;
    expect(check!.ok).toBe(true);
    expect(check!.steps[4]!.detail).toMatchObject({ pinned: true });
    expect(Number(check!.steps[4]!.detail['directorySeq'])).toBeGreaterThanOrEqual(1);
  });

  it('refuses a hub whose key is not the pinned one, and says so', async () => {
    const check = await checkHubUrl(school, hubUrl, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
    expect(states(check).slice(3)).toEqual(['http:ok', 'signature:failed', 'clock:skipped']);
    expect(check.steps[4]!.error?.code).toBe('transport.hub_key_mismatch');
  });

  it('reports a clock more than five minutes off with both clocks', async () => {
    const ahead = { ...school, keys: { ...school.keys, clock: { now: () => Date.now() + 10 * 60_000 } } };
    const check = await checkHubUrl(ahead, hubUrl, null);
    expect(states(check).at(-1)).toBe('clock:failed');
    expect(check.steps[5]!.error?.code).toBe('connection.clock_skew');
    expect(check.steps[5]!.error?.details).toMatchObject({ maxSkewSeconds: 300 });
    expect(Number(check.steps[5]!.error?.details['skewSeconds'])).toBeGreaterThanOrEqual(599);
  });

  it('the saved URL list is what the node uses: an unreachable first URL falls back to the next', async () => {
    await setHubConnection(school, {
      urls: ['http://127.0.0.1:9', hubUrl],
      retry: { attempts: 1, baseDelayMs: 100 },
      actor: 'test',
    });
    expect(await refreshDirectory(school, await hubClientFor(school))).toBeGreaterThanOrEqual(0);
  });
});

describe('更改學校密碼匙 on a registered node', () => {
  const key = (text: string) => Buffer.from(text);

  it('a change is published at once, signed by the previous key (zero-downtime rollover)', async () => {
    const changed = await changeNodeSchoolKey(school, {
      current: key('School-Key-For-123456-2026'),
      next: key('Rolled-Over-Key-2026'),
      confirmation: key('Rolled-Over-Key-2026'),
      actor: 'web:head',
    });
    expect(changed.publication).toBe('published');
    const listed = await school.repos.directory.keys('123456');
    expect(listed.find((k) => k.kid === changed.key.kid)?.trust).toBe('chained');
  });

  it('a recovery (School Key lost) waits for the operator’s approval code, then is published unchained', async () => {
    const recovered = await changeNodeSchoolKey(school, {
      current: null,
      next: key('Recovered-Key-2026!'),
      confirmation: key('Recovered-Key-2026!'),
      actor: 'web:head',
      recover: true,
    });
    expect(recovered.publication).toBe('needs_code');
    const client = await hubClientFor(school);
    expect((await submitKeyStatements(school, client, {})).awaitingApproval).toEqual([recovered.key.kid]);
    const published = await submitKeyStatements(school, client, {
      code: await code('123456', 'key-recovery'),
    });
    expect(published.published).toEqual([
      { kid: recovered.key.kid, fingerprint: recovered.key.fingerprint, recovery: true },
    ]);
  });
});

describe('系統註冊 over the web API', () => {
  it('shows the hub fingerprint to compare, registers with the code, then shows the registered state', async () => {
    const other = await schoolNode('654321');
    await addUser(authContextOf(other), {
      username: 'head',
      groups: ['SCHOOL_HEAD'],
      password: 'Correct-Horse-42',
      mustChangePassword: false,
      actor: 'test',
    });
    await other.close();
    const port = await freePort();
    const node = await startNode({
      dataDir: join(root, '654321'),
      host: '127.0.0.1',
      port,
      handleSignals: false,
      routes: { transmission: { scheduler: false } },
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ username: 'head', password: 'Correct-Horse-42' }),
      });
      const headers = {
        cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
        origin: base,
        'content-type': 'application/json',
      };
      const before = (await (await fetch(`${base}/api/registration`, { headers })).json()) as {
        registration: unknown;
        hub: { fingerprint: string; matches: boolean | null };
      };
      expect(before.registration).toBeNull();
      expect(before.hub.matches).toBeNull();
      const wrong = await fetch(`${base}/api/registration`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ code: 'ABCDE-FGHJK-MNPQR-STVWX' }),
      });
      expect([wrong.status, ((await wrong.json()) as { error: { code: string } }).error.code]).toEqual([
        403,
        'registration.invalid_code',
      ]);
      const registered = await fetch(`${base}/api/registration`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ code: await code('654321') }),
      });
      expect(registered.status).toBe(200);
      const after = (await (await fetch(`${base}/api/registration`, { headers })).json()) as {
        registration: { hubFingerprint: string };
        hub: { fingerprint: string; matches: boolean };
      };
      expect(after.registration.hubFingerprint).toBe(before.hub.fingerprint);
      expect(after.hub.matches).toBe(true);
    } finally {
      await node.close();
    }
  });
});
