import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeAppFixture, TEST_PASSWORD, type NodeAppFixture } from '../testing/node-app.js';

let fx: NodeAppFixture;
let admin: { cookie: string; origin: string };

beforeAll(async () => {
  fx = await nodeAppFixture();
  await fx.addUser('sysadmin', ['SYSTEM_ADMIN']);
  await fx.addUser('staff', ['STAFF']);
  admin = await fx.login('sysadmin');
});
afterAll(() => fx?.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, headers = admin) =>
  fx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe('用戶管理 (user administration)', () => {
  it('adds a user with a temporary password who must change it before anything else', async () => {
    const added = await call('POST', '/api/users', {
      username: 'Clerk',
      displayName: '李文書',
      groups: ['STAFF'],
      password: 'Temp-Pass-2026',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ username: 'clerk', groups: ['STAFF'], mustChangePassword: true });
    expect((await call('GET', '/api/users')).json().map((u: { username: string }) => u.username)).toEqual([
      'clerk',
      'staff',
      'sysadmin',
    ]);

    const clerk = await fx.login('clerk', 'Temp-Pass-2026');
    const blocked = await call('GET', '/api/messages/outgoing', undefined, clerk);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth.password_change_required');
    expect((await call('GET', '/api/session', undefined, clerk)).json().mustChangePassword).toBe(true);
    const changed = await call(
      'PUT',
      '/api/session/password',
      { current: 'Temp-Pass-2026', next: 'Records-Pass-81' },
      clerk,
    );
    expect(changed.statusCode).toBe(204);
    expect((await call('GET', '/api/messages/outgoing', undefined, clerk)).statusCode).toBe(200);
    expect((await fx.services.repos.securityEvents.list({ kind: 'user.added' })).at(-1)).toMatchObject({
      actor: 'sysadmin',
      detail: { username: 'clerk', groups: 'STAFF' },
    });
  });

  it('refuses a taken name, a bad name, a group the node does not offer, and a weak password', async () => {
    const cases: Array<[object, number, string]> = [
      [{ username: 'staff', groups: ['STAFF'], password: 'Another-Pass-9' }, 409, 'user.exists'],
      [{ username: 'a b', groups: ['STAFF'], password: 'Another-Pass-9' }, 400, 'user.invalid_username'],
      [
        { username: 'officer', groups: ['AGENCY_OFFICER'], password: 'Another-Pass-9' },
        400,
        'user.group_not_offered',
      ],
      [{ username: 'officer', groups: ['ROOT'], password: 'Another-Pass-9' }, 400, 'auth.unknown_group'],
      [{ username: 'officer', groups: ['STAFF'], password: 'short' }, 400, 'auth.password_too_short'],
    ];
    const before = (await call('GET', '/api/users')).json().length;
    for (const [body, status, code] of cases) {
      const response = await call('POST', '/api/users', body);
      expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
    }
    expect((await call('GET', '/api/users')).json()).toHaveLength(before);
  });

  it('disables a user, which ends their sessions and stops their login', async () => {
    await fx.addUser('leaver', ['STAFF']);
    const session = await fx.login('leaver');
    const disabled = await call('PATCH', '/api/users/leaver', { disabled: true });
    expect(disabled.json()).toMatchObject({ username: 'leaver', disabled: true });
    expect((await call('GET', '/api/session', undefined, session)).statusCode).toBe(401);
    await expect(fx.login('leaver')).rejects.toThrow(/auth.invalid_credentials/);
    expect((await call('PATCH', '/api/users/leaver', { disabled: false })).json().disabled).toBe(false);
    await fx.login('leaver');
  });

  it('changing groups takes effect at the next login', async () => {
    await fx.addUser('mover', ['STAFF']);
    const before = await fx.login('mover');
    await call('PATCH', '/api/users/mover', { groups: ['SCHOOL_HEAD'] });
    expect((await call('GET', '/api/session', undefined, before)).statusCode).toBe(401);
    const after = await fx.login('mover');
    expect((await call('GET', '/api/session', undefined, after)).json().groups).toEqual(['SCHOOL_HEAD']);
  });

  it('resets a password: sessions end, the lockout lifts, the user must change it', async () => {
    const session = await fx.login('staff');
    const reset = await call('PUT', '/api/users/staff/password', { password: 'Reset-Pass-2026' });
    expect(reset.statusCode).toBe(204);
    expect((await call('GET', '/api/session', undefined, session)).statusCode).toBe(401);
    await expect(fx.login('staff', TEST_PASSWORD)).rejects.toThrow(/auth.invalid_credentials/);
    const fresh = await fx.login('staff', 'Reset-Pass-2026');
    expect((await call('GET', '/api/session', undefined, fresh)).json().mustChangePassword).toBe(true);
  });

  it('keeps the node administrable: no self-disable, the last administrator keeps the right', async () => {
    const self = await call('PATCH', '/api/users/sysadmin', { disabled: true });
    expect(self.json().error.code).toBe('user.self_disable');
    const demote = await call('PATCH', '/api/users/sysadmin', { groups: ['STAFF'] });
    expect([demote.statusCode, demote.json().error.code]).toEqual([409, 'user.last_admin']);
    expect((await call('GET', '/api/session')).json().groups).toEqual(['SYSTEM_ADMIN']);
    expect((await call('PATCH', '/api/users/nobody', { disabled: true })).json().error.code).toBe(
      'user.not_found',
    );
  });

  it('lists the groups this node offers with their rights from the SPEC §7 matrix', async () => {
    const groups = (await call('GET', '/api/groups')).json();
    expect(groups.map((g: { code: string }) => g.code)).toEqual([
      'CDS_ADMIN',
      'SYSTEM_ADMIN',
      'SCHOOL_HEAD',
      'STAFF',
    ]);
    expect(groups.find((g: { code: string }) => g.code === 'STAFF').rights).not.toContain('admin.users');
  });

  it('is refused to a user without admin.users, with the right named, and audited', async () => {
    const staff = await fx.login('leaver');
    const response = await call('GET', '/api/users', undefined, staff);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({
      code: 'auth.forbidden',
      details: { right: 'admin.users' },
    });
    expect((await fx.services.repos.securityEvents.list({ kind: 'auth.forbidden' })).at(-1)).toMatchObject({
      actor: 'leaver',
      detail: { right: 'admin.users', route: 'GET /api/users' },
    });
  });
});
