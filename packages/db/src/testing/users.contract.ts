import { describe, expect, it } from 'vitest';
import type { UserRecord } from '@cds/domain';
import type { TestDatabases } from './databases.js';
import { T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

function user(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: 'u1',
    username: 'head',
    displayName: '陳校長',
    groups: ['SCHOOL_HEAD'],
    disabled: false,
    mustChangePassword: false,
    lang: null,
    createdAt: T0,
    updatedAt: T0,
    passwordChangedAt: T0,
    lastLoginAt: null,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$x$y',
    ...overrides,
  };
}

export function usersContract(databases: TestDatabases): void {
  describe('users, sessions and login failures', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('store a user with several groups and refuse a second user of the same name', async () => {
      const { users } = fx().repos;
      await users.insert(user({ groups: ['STAFF', 'CDS_ADMIN'] }));
      expect(await users.byUsername('head')).toEqual(user({ groups: ['CDS_ADMIN', 'STAFF'] }));
      await expect(users.insert(user({ id: 'u2' }))).rejects.toMatchObject({ code: 'user.exists' });
      expect(await users.list()).toHaveLength(1);
      expect(await users.list()).not.toContainEqual(
        expect.objectContaining({ passwordHash: expect.anything() }),
      );
    });

    it('update fields and replace groups; an unknown id is user.not_found', async () => {
      const { users } = fx().repos;
      await users.insert(user());
      const updated = await users.update('u1', {
        updatedAt: T0 + 1,
        groups: ['STAFF'],
        disabled: true,
        lang: 'en',
        lastLoginAt: T0 + 1,
      });
      expect(updated).toMatchObject({ groups: ['STAFF'], disabled: true, lang: 'en', lastLoginAt: T0 + 1 });
      expect((await users.byId('u1'))?.groups).toEqual(['STAFF']);
      await expect(users.update('nobody', { updatedAt: T0 })).rejects.toMatchObject({
        code: 'user.not_found',
      });
    });

    it('keep sessions until deleted, per user (keeping one) or when expired or idle', async () => {
      const { users, sessions } = fx().repos;
      await users.insert(user());
      const base = {
        userId: 'u1',
        createdAt: T0,
        lastSeenAt: T0,
        expiresAt: T0 + 1000,
        address: '127.0.0.1',
      };
      await sessions.create({ ...base, id: 'a' });
      await sessions.create({ ...base, id: 'b' });
      await sessions.create({ ...base, id: 'c', expiresAt: T0 + 10 });
      await sessions.touch('a', T0 + 500);
      expect(await sessions.get('a')).toEqual({ ...base, id: 'a', lastSeenAt: T0 + 500 });
      // c is past its absolute end; b has been idle since T0.
      expect(await sessions.deleteExpired(T0 + 10, T0 + 100)).toBe(2);
      expect(await sessions.get('b')).toBeNull();
      await sessions.create({ ...base, id: 'd' });
      expect(await sessions.deleteForUser('u1', 'a')).toBe(1);
      expect(await sessions.get('a')).not.toBeNull();
      await sessions.delete('a');
      expect(await sessions.get('a')).toBeNull();
    });

    it('count failed logins per user name and per address within a window', async () => {
      const { loginFailures } = fx().repos;
      await loginFailures.record({ at: T0, username: 'head', address: '10.0.0.1' });
      await loginFailures.record({ at: T0 + 5, username: 'staff', address: '10.0.0.1' });
      await loginFailures.record({ at: T0 + 9, username: 'head', address: '10.0.0.2' });
      expect(await loginFailures.since({ username: 'head' }, T0)).toEqual([T0, T0 + 9]);
      expect(await loginFailures.since({ address: '10.0.0.1' }, T0 + 1)).toEqual([T0 + 5]);
      await loginFailures.clearUser('head');
      expect(await loginFailures.since({ username: 'head' }, 0)).toEqual([]);
      await loginFailures.prune(T0 + 6);
      expect(await loginFailures.since({ address: '10.0.0.1' }, 0)).toEqual([]);
    });
  });
}
