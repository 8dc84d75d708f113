import { describe, expect, it } from 'vitest';
import type { TestDatabases } from './databases.js';
import { T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

export function keysContract(databases: TestDatabases): void {
  describe('key history, School Key guard and security events', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('keep key changes newest first, without key material', async () => {
      const { keyChanges } = fx().repos;
      const base = {
        user: 'head',
        fingerprint: 'AAAA-BBBB',
        validFrom: T0,
        validTo: T0 + 1,
        reason: 'initial key',
      };
      await keyChanges.append({ ...base, id: 'c1', at: T0, kid: 'k1' });
      await keyChanges.append({ ...base, id: 'c2', at: T0 + 5, kid: 'k2', reason: '更改學校密碼匙' });
      expect((await keyChanges.list()).map((row) => row.kid)).toEqual(['k2', 'k1']);
      expect((await keyChanges.list())[0]).toEqual({
        ...base,
        id: 'c2',
        at: T0 + 5,
        kid: 'k2',
        reason: '更改學校密碼匙',
      });
      expect(await keyChanges.has('k1')).toBe(true);
      expect(await keyChanges.has('k3')).toBe(false);
    });

    it('count wrong School Keys in a window and hold the lock until a time', async () => {
      const guard = fx().repos.schoolKeyGuard;
      expect(await guard.lockedUntil()).toBeNull();
      for (const at of [T0, T0 + 10, T0 + 20]) await guard.recordFailure(at);
      expect(await guard.failuresSince(T0 + 10)).toBe(2);
      expect(await guard.failuresSince(T0)).toBe(3);
      await guard.lockUntil(T0 + 900_000);
      expect(await guard.lockedUntil()).toBe(T0 + 900_000);
      await guard.clearFailures();
      expect(await guard.failuresSince(0)).toBe(0);
    });

    it('record security events with their details and filter by kind and time', async () => {
      const events = fx().repos.securityEvents;
      await events.record({ id: 'e1', at: T0, kind: 'key.wrong_school_key', actor: 'head', detail: {} });
      await events.record({
        id: 'e2',
        at: T0 + 1,
        kind: 'key.locked',
        actor: 'head',
        detail: { until: T0 + 2, failures: 5 },
      });
      expect((await events.list()).map((event) => event.id)).toEqual(['e1', 'e2']);
      expect(await events.list({ kind: 'key.locked' })).toEqual([
        { id: 'e2', at: T0 + 1, kind: 'key.locked', actor: 'head', detail: { until: T0 + 2, failures: 5 } },
      ]);
      expect(await events.list({ since: T0 + 1 })).toHaveLength(1);
    });
  });
}
