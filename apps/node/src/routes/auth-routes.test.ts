import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeAppFixture, TEST_PASSWORD, type NodeAppFixture } from '../testing/node-app.js';

let fx: NodeAppFixture;

beforeAll(async () => {
  fx = await nodeAppFixture();
  await fx.addUser('head', ['SCHOOL_HEAD']);
  await fx.addUser('staff', ['STAFF']);
  await fx.addUser('locky', ['STAFF']);
});
afterAll(() => fx?.close());

/** Each test logs in from its own address, so the per-address limits of one do not leak into another. */
function post(url: string, payload: unknown, address: string, headers: Record<string, string> = {}) {
  return fx.app.inject({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
    remoteAddress: address,
    headers: { origin: fx.origin, ...headers },
  });
}

const events = async (kind: string) => fx.services.repos.securityEvents.list({ kind });

describe('登入 (login)', () => {
  it('sets an HttpOnly, SameSite=Strict cookie named after the party and stores only its hash', async () => {
    const response = await post('/api/session', { username: ' Head ', password: TEST_PASSWORD }, '10.0.1.1');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      username: 'head',
      groups: ['SCHOOL_HEAD'],
      party: '123456',
      mustChangePassword: false,
    });
    expect(response.json().rights).toContain('cds.outgoing.process');
    const cookie = response.cookies.find((c) => c.name === 'cds_sid_123456');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // Plain http on loopback: a Secure cookie would never be stored by the browser.
    expect(cookie?.secure).toBeUndefined();
    const token = cookie?.value ?? '';
    const stored = await fx.services.repos.sessions.get(createHash('sha256').update(token).digest('hex'));
    expect(stored?.address).toBe('10.0.1.1');
    expect(await fx.services.repos.sessions.get(token)).toBeNull();
    expect((await events('auth.login')).at(-1)).toMatchObject({ actor: 'head' });
  });

  it('marks the cookie Secure anywhere but plain http on loopback', async () => {
    const response = await post('/api/session', { username: 'head', password: TEST_PASSWORD }, '10.0.1.2', {
      host: 'cds.school.example',
      origin: 'http://cds.school.example',
    });
    expect(response.cookies.find((c) => c.name === 'cds_sid_123456')?.secure).toBe(true);
  });

  it('answers a wrong password and an unknown user alike, in the user’s language, and audits both', async () => {
    const wrong = await post('/api/session', { username: 'head', password: 'nope-nope-1' }, '10.0.2.1');
    const unknown = await post('/api/session', { username: 'ghost', password: 'nope-nope-1' }, '10.0.2.1', {
      'accept-language': 'en',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({
      code: 'auth.invalid_credentials',
      message: '用戶名稱或密碼不正確，請再試。',
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('The user name or password is not correct. Please try again.');
    expect(wrong.cookies).toEqual([]);
    const failed = await events('auth.login_failed');
    expect(failed.map((event) => [event.actor, event.detail['reason']])).toEqual(
      expect.arrayContaining([
        ['head', 'wrong_password'],
        ['ghost', 'unknown_user'],
      ]),
    );
  });

  it('locks a user name for 15 minutes after five wrong passwords, even against the right one', async () => {
    const codes: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await post(
        '/api/session',
        { username: 'locky', password: 'Wrong-pass-9' },
        '10.0.3.1',
      );
      codes.push(response.json().error.code);
    }
    expect(codes).toEqual([...Array(4).fill('auth.invalid_credentials'), 'auth.user_locked']);
    const right = await post('/api/session', { username: 'locky', password: TEST_PASSWORD }, '10.0.3.2', {
      'accept-language': 'en',
    });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toBe(
      'This account is locked after repeated failed logins. Try again in 15 minutes or contact your administrator.',
    );
    fx.clock.advance(15 * 60_000 + 1);
    expect(
      (await post('/api/session', { username: 'locky', password: TEST_PASSWORD }, '10.0.3.2')).statusCode,
    ).toBe(200);
  });

  it('locks an address that tries many user names', async () => {
    let last = await post('/api/session', { username: 'x0', password: 'Wrong-pass-9' }, '10.0.4.1');
    for (let attempt = 1; attempt <= 20; attempt++) {
      last = await post('/api/session', { username: `x${attempt}`, password: 'Wrong-pass-9' }, '10.0.4.1');
    }
    expect(last.statusCode).toBe(429);
    expect(last.json().error).toMatchObject({ code: 'auth.address_locked', details: { minutes: 15 } });
    // Another computer is not affected.
    expect(
      (await post('/api/session', { username: 'staff', password: TEST_PASSWORD }, '10.0.4.2')).statusCode,
    ).toBe(200);
  });

  it('refuses a state-changing request whose Origin is missing or foreign, before reading it', async () => {
    for (const origin of [undefined, 'http://evil.example', 'http://localhost:8080']) {
      const response = await fx.app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '10.0.5.1',
        headers: origin === undefined ? {} : { origin },
        payload: { username: 'head', password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('auth.origin_mismatch');
      expect(response.cookies).toEqual([]);
    }
  });
});

describe('sessions', () => {
  it('end after 30 idle minutes and after 12 hours whatever happens', async () => {
    const idle = await fx.login('staff');
    fx.clock.advance(29 * 60_000);
    expect((await fx.app.inject({ url: '/api/session', headers: idle })).statusCode).toBe(200);
    fx.clock.advance(30 * 60_000);
    const expired = await fx.app.inject({ url: '/api/session', headers: idle });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('auth.session_expired');

    const busy = await fx.login('staff');
    const seen: number[] = [];
    for (let step = 0; step < 24; step++) {
      fx.clock.advance(29 * 60_000);
      seen.push((await fx.app.inject({ url: '/api/session', headers: busy })).statusCode);
    }
    // 24 × 29 min = 11 h 36 min of steady use; the 12-hour end comes whatever the activity.
    expect(seen).toEqual(Array(24).fill(200));
    fx.clock.advance(25 * 60_000);
    expect((await fx.app.inject({ url: '/api/session', headers: busy })).json().error.code).toBe(
      'auth.session_expired',
    );
  });

  it('登出 deletes the session so the copied cookie no longer works, and clears the cookie', async () => {
    const headers = await fx.login('head');
    const response = await fx.app.inject({ method: 'DELETE', url: '/api/session', headers });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'cds_sid_123456')?.value).toBe('');
    const after = await fx.app.inject({ url: '/api/session', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('auth.unauthenticated');
    expect((await events('auth.logout')).at(-1)?.actor).toBe('head');
  });

  it('ignore a forged or malformed cookie', async () => {
    for (const value of ['x', 'A'.repeat(43), '../../etc/passwd']) {
      const response = await fx.app.inject({
        url: '/api/session',
        headers: { cookie: `cds_sid_123456=${value}` },
      });
      expect(response.statusCode).toBe(401);
    }
  });
});

describe('更改密碼 (change password)', () => {
  it('needs the current password, applies the policy, and ends the user’s other sessions', async () => {
    await fx.addUser('changer', ['STAFF']);
    const here = await fx.login('changer');
    const elsewhere = await fx.login('changer');
    const put = (payload: object, lang = 'zh-HK') =>
      fx.app.inject({
        method: 'PUT',
        url: '/api/session/password',
        headers: { ...here, 'accept-language': lang },
        payload,
      });
    const wrong = await put({ current: 'not-it-at-all', next: 'Brand-New-Pass-7' });
    expect(wrong.json().error).toMatchObject({
      code: 'auth.wrong_current_password',
      message: '現有密碼不正確。',
    });
    const cases: Array<[string, string]> = [
      ['short1A', 'auth.password_too_short'],
      ['changer-2026-Pass', 'auth.password_contains_username'],
      ['password2026!', 'auth.password_common'],
      ['onlylowercaseletters', 'auth.password_too_simple'],
      ['Demo-Pass-2026!', 'auth.password_demo'],
      [TEST_PASSWORD, 'auth.same_password'],
    ];
    for (const [next, code] of cases) {
      const response = await put({ current: TEST_PASSWORD, next }, 'en');
      expect(response.statusCode, next).toBe(400);
      expect(response.json().error.code, next).toBe(code);
    }
    expect((await put({ current: TEST_PASSWORD, next: 'Brand-New-Pass-7' })).statusCode).toBe(204);
    expect((await fx.app.inject({ url: '/api/session', headers: here })).statusCode).toBe(200);
    expect((await fx.app.inject({ url: '/api/session', headers: elsewhere })).statusCode).toBe(401);
    await expect(fx.login('changer')).rejects.toThrow(/auth.invalid_credentials/);
    await fx.login('changer', 'Brand-New-Pass-7');
    expect((await events('auth.password_changed')).at(-1)?.actor).toBe('changer');
  });
});
