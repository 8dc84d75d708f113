/**
 * The operations screens' API over a real node (SQLite, keyring) whose hub is unreachable
 * (127.0.0.1:1): each route's happy path, a refusal by right and bad input that changes nothing.
 * The paths that need a hub (registration, 測試連線 ✓) are in apps/cli/src/operations-hub.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latinProse } from '@cds/domain';
import { initKeyring } from '@cds/keys';
import { nodeAppFixture, type NodeAppFixture } from '../testing/node-app.js';

// A cheap scrypt work factor for the keyring (a test hook, honoured only with CDS_TEST_HOOKS=1).
process.env['CDS_TEST_HOOKS'] = '1';
process.env['CDS_TEST_SCRYPT_LOGN'] = '10';

const KEY = 'Operations-Key-2026';
const NEW_KEY = 'Changed-School-Key-42';

let fx: NodeAppFixture;
const as: Record<string, { cookie: string; origin: string }> = {};

beforeAll(async () => {
  fx = await nodeAppFixture();
  for (const [name, group] of [
    ['admin', 'CDS_ADMIN'],
    ['sys', 'SYSTEM_ADMIN'],
    ['head', 'SCHOOL_HEAD'],
    ['staff', 'STAFF'],
  ] as const) {
    await fx.addUser(name, [group]);
    as[name] = await fx.login(name);
  }
});
afterAll(() => fx?.close());

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, lang = 'zh-HK') =>
  fx.app.inject({
    method,
    url,
    headers: { ...as[who], 'accept-language': lang },
    ...(payload ? { payload } : {}),
  });
const codeOf = (response: { json(): { error?: { code?: string } } }) => response.json().error?.code;
/** A refusal a zh-HK user reads: Chinese, no English prose (a field's own words go in details.detail). */
const expectWhollyChinese = (response: { json(): { error: { code: string; message: string } } }) => {
  const { code, message } = response.json().error;
  expect(message, code).toMatch(/\p{Script=Han}/u);
  expect(latinProse(message), `${code}: ${message}`).toBeNull();
};

describe('學校密碼匙管理', () => {
  it('before keys init the page says the keyring is missing', async () => {
    const response = await call('head', 'GET', '/api/keys');
    expect([response.statusCode, codeOf(response)]).toEqual([404, 'key.keyring_missing']);
  });

  it('shows the key pair with validity and publication, and refuses STAFF', async () => {
    await initKeyring(fx.services.keys, Buffer.from(KEY), 'test');
    const view = await call('head', 'GET', '/api/keys');
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ party: '123456', registered: false, minLength: 12 });
    expect(view.json().keys).toHaveLength(1);
    expect(view.json().keys[0]).toMatchObject({ current: true, publication: 'not_registered' });
    expect(view.json().keys[0].validTo).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(codeOf(await call('staff', 'GET', '/api/keys'))).toBe('auth.forbidden');
    expect(codeOf(await call('sys', 'POST', '/api/keys/change', { next: 'x', confirmation: 'x' }))).toBe(
      'auth.forbidden',
    );
  });

  it('refuses a bad change with the specific reason and keeps the keyring', async () => {
    const cases: Array<[object, number, string]> = [
      [{ next: NEW_KEY, confirmation: NEW_KEY }, 400, 'validation.failed'], // no current key
      [{ current: KEY, next: NEW_KEY, confirmation: `${NEW_KEY}x` }, 400, 'key.confirmation_mismatch'],
      [{ current: KEY, next: KEY, confirmation: KEY }, 400, 'key.same_as_current'],
      [{ current: KEY, next: 'short', confirmation: 'short' }, 400, 'key.weak_school_key'],
      [{ current: 'Wrong-Key-2026!', next: NEW_KEY, confirmation: NEW_KEY }, 403, 'key.wrong_school_key'],
      [{ current: KEY, next: NEW_KEY, confirmation: NEW_KEY, extra: 1 }, 400, 'validation.failed'],
    ];
    for (const [body, status, code] of cases) {
      const response = await call('admin', 'POST', '/api/keys/change', body);
      expect([body, codeOf(response)]).toEqual([body, code]);
      expect(response.statusCode, code).toBe(status);
      expectWhollyChinese(response);
    }
    expect((await call('admin', 'GET', '/api/keys')).json().keys).toHaveLength(1);
  });

  it('changes the School Key: a new key pair, publication waiting for registration, a history row', async () => {
    const changed = await call('head', 'POST', '/api/keys/change', {
      current: KEY,
      next: NEW_KEY,
      confirmation: NEW_KEY,
      reason: '年度更換',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ publication: 'not_registered' });
    const keys = (await call('head', 'GET', '/api/keys')).json().keys;
    expect(keys.map((k: { kid: string; current: boolean }) => [k.kid, k.current])[0]).toEqual([
      changed.json().key.kid,
      true,
    ]);
    const history = (await call('head', 'GET', '/api/keys/history')).json();
    expect(history.map((row: { reason: string; user: string }) => [row.reason, row.user])).toEqual(
      expect.arrayContaining([
        ['年度更換', 'web:head'],
        ['initial key', 'test'],
      ]),
    );
    expect(JSON.stringify(history)).not.toContain(NEW_KEY);
  });

  it('submitting statements needs a well-formed code and a reachable hub', async () => {
    const bad = await call('head', 'POST', '/api/keys/publish', { code: 'not a code' });
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'validation.failed']);
    const down = await call('head', 'POST', '/api/keys/publish', { code: 'ABCDE-FGHJK-MNPQR-STVWX' });
    expect([down.statusCode, codeOf(down)]).toEqual([503, 'transport.hub_unreachable']);
    expect(codeOf(await call('staff', 'POST', '/api/keys/publish', {}))).toBe('auth.forbidden');
  });
});

describe('未核實的新密碼匙', () => {
  it('lists none, refuses an unknown fingerprint and bad input, and STAFF', async () => {
    expect((await call('head', 'GET', '/api/directory/unconfirmed')).json()).toEqual([]);
    const unknown = await call('head', 'POST', '/api/directory/confirm', {
      party: 'EDB',
      fingerprint: 'aaaa bbbb cccc dddd eeee ffff 0000 1111',
    });
    expect([unknown.statusCode, codeOf(unknown)]).toEqual([400, 'validation.failed']);
    const bad = await call('head', 'POST', '/api/directory/confirm', { party: 'EDB' });
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'validation.failed']);
    expect(codeOf(await call('staff', 'GET', '/api/directory/unconfirmed'))).toBe('auth.forbidden');
  });
});

describe('系統註冊 and 傳送網上校管系統版本', () => {
  it('shows the unregistered state and why the hub fingerprint cannot be read, in the user’s language', async () => {
    const view = await call('head', 'GET', '/api/registration');
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ party: '123456', registration: null, expectedHubFingerprint: null });
    expect(view.json().ownKey.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){7}$/);
    expect(view.json().hub.error.code).toBe('transport.hub_unreachable');
    expect(view.json().hub.error.message).toContain('無法連線至聯遞系統中央伺服器');
    expect(codeOf(await call('sys', 'GET', '/api/registration'))).toBe('auth.forbidden');
  });

  it('refuses a malformed code before asking the hub, and says when the hub is down', async () => {
    const bad = await call('head', 'POST', '/api/registration', { code: '12345' });
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'validation.failed']);
    const down = await call('head', 'POST', '/api/registration', { code: 'ABCDE-FGHJK-MNPQR-STVWX' });
    expect([down.statusCode, codeOf(down)]).toEqual([503, 'transport.hub_unreachable']);
    expect((await call('head', 'GET', '/api/registration')).json().registration).toBeNull();
  });

  it('Start prepares the version message for a key holder to seal', async () => {
    const version = await call('head', 'GET', '/api/version');
    expect(version.statusCode).toBe(200);
    expect(version.json()).toMatchObject({ reportedAt: null });
    const created = await call('head', 'POST', '/api/version/message', {});
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'READY', to: ['EDB'] });
    const shown = await fx.app.inject({ url: '/api/messages/outgoing', headers: as['head'] });
    expect(JSON.stringify(shown.json())).toContain(created.json().id);
    expect(codeOf(await call('sys', 'POST', '/api/version/message', {}))).toBe('auth.forbidden');
  });
});

describe('設定: 聯遞系統延伸網址, retry policy, 測試連線', () => {
  it('shows the URLs of node init until saved; saves an ordered list with the retry policy', async () => {
    const initial = await call('sys', 'GET', '/api/settings/hub');
    expect(initial.json()).toMatchObject({ source: 'config', urls: ['http://127.0.0.1:1'] });
    const saved = await call('sys', 'PUT', '/api/settings/hub', {
      urls: ['http://127.0.0.1:2/', 'https://cds-backup.invalid'],
      retry: { attempts: 4, baseDelayMs: 1000 },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      source: 'set',
      urls: ['http://127.0.0.1:2', 'https://cds-backup.invalid'],
      retry: { attempts: 4, baseDelayMs: 1000 },
      updatedBy: 'web:sys',
    });
    expect(codeOf(await call('head', 'GET', '/api/settings/hub'))).toBe('auth.forbidden');
  });

  it('refuses a plain-http remote URL, a duplicate or a silly retry policy and changes nothing', async () => {
    const retry = { attempts: 3, baseDelayMs: 500 };
    const cases: Array<[object, string]> = [
      [{ urls: ['http://cds.example.edu.hk'], retry }, 'settings.hub_url_invalid'],
      [{ urls: ['https://a.example', 'https://a.example/'], retry }, 'settings.hub_url_invalid'],
      [{ urls: ['ftp://a.example'], retry }, 'settings.hub_url_invalid'],
      [{ urls: [], retry }, 'validation.failed'],
      [{ urls: ['https://a.example'], retry: { attempts: 99, baseDelayMs: 500 } }, 'validation.failed'],
    ];
    for (const [body, code] of cases) {
      const response = await call('admin', 'PUT', '/api/settings/hub', body);
      expect([response.statusCode, codeOf(response)]).toEqual([400, code]);
      expectWhollyChinese(response);
    }
    const plain = await call('admin', 'PUT', '/api/settings/hub', cases[0]?.[0]);
    expect(plain.json().error.message).toBe(
      '聯遞系統延伸網址 http://cds.example.edu.hk 不可接受：只有本機（127.0.0.1）可使用未加密的 http，請改用 https。請更正網址後再儲存。',
    );
    expect((await call('admin', 'GET', '/api/settings/hub')).json().urls[0]).toBe('http://127.0.0.1:2');
  });

  it('測試連線 reports TCP ✗ with a reason in the user’s language and skips what depends on it', async () => {
    const tested = await call(
      'admin',
      'POST',
      '/api/settings/hub/test',
      { urls: ['http://127.0.0.1:9'] },
      'en',
    );
    expect(tested.statusCode).toBe(200);
    const [check] = tested.json().checks;
    expect(check.ok).toBe(false);
    expect(check.steps.map((s: { step: string; state: string }) => `${s.step}:${s.state}`)).toEqual([
      'dns:ok',
      'tcp:failed',
      'tls:not_applicable',
      'http:skipped',
      'signature:skipped',
      'clock:skipped',
    ]);
    expect(check.steps[1].error.code).toBe('connection.tcp_failed');
    expect(check.steps[1].error.message).toContain('No connection to 127.0.0.1 port 9. The hub may be down');
    // The OS's own words go apart, for the help desk, never into the sentence.
    expect(check.steps[1].error.details.detail).toBe('ECONNREFUSED');
    // Without a list, the saved ones are tested, in order.
    const saved = (await call('admin', 'POST', '/api/settings/hub/test', {})).json();
    expect(saved.checks.map((c: { url: string }) => c.url)).toEqual([
      'http://127.0.0.1:2',
      'https://cds-backup.invalid',
    ]);
    const bad = await call('admin', 'POST', '/api/settings/hub/test', { urls: ['javascript:alert(1)'] });
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'settings.hub_url_invalid']);
    expect(codeOf(await call('staff', 'POST', '/api/settings/hub/test', {}))).toBe('auth.forbidden');
  });
});
