import { describe, expect, it } from 'vitest';
import { createLeaseRepository } from '../lease-repository.js';
import type { TestDatabases } from './databases.js';
import { T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

const TTL = 30_000;

export function leaseContract(databases: TestDatabases): void {
  describe('leases', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('go to the first taker and name the holder to everyone else', async () => {
      const { leases } = fx().repos;
      expect(await leases.acquire('transmission', 'proc-a', T0, TTL)).toEqual({ acquired: true });
      expect(await leases.acquire('transmission', 'proc-b', T0 + 1, TTL)).toEqual({
        acquired: false,
        current: { holder: 'proc-a', expiresAt: T0 + TTL },
      });
      // Leases are per name.
      expect(await leases.acquire('scheduler', 'proc-b', T0, TTL)).toEqual({ acquired: true });
      // The holder itself may acquire again; that extends its lease.
      expect(await leases.acquire('transmission', 'proc-a', T0 + 10, TTL)).toEqual({ acquired: true });
      expect(await leases.acquire('transmission', 'proc-b', T0 + 11, TTL)).toMatchObject({
        current: { expiresAt: T0 + 10 + TTL },
      });
    });

    it('can be taken over once expired, and renewed only by their holder', async () => {
      const { leases } = fx().repos;
      await leases.acquire('transmission', 'proc-a', T0, TTL);
      expect(await leases.renew('transmission', 'proc-b', T0 + 1, TTL)).toBe(false);
      expect(await leases.renew('transmission', 'proc-a', T0 + 1000, TTL)).toBe(true);
      expect((await leases.acquire('transmission', 'proc-b', T0 + TTL + 999, TTL)).acquired).toBe(false);

      expect(await leases.acquire('transmission', 'proc-b', T0 + 1000 + TTL, TTL)).toEqual({
        acquired: true,
      });
      expect(await leases.renew('transmission', 'proc-a', T0 + 1000 + TTL, TTL)).toBe(false);
      expect(await leases.renew('missing', 'proc-a', T0, TTL)).toBe(false);
    });

    it('are released only by their holder', async () => {
      const { leases } = fx().repos;
      await leases.acquire('transmission', 'proc-a', T0, TTL);
      expect(await leases.current('transmission', T0 + 1)).toEqual({ holder: 'proc-a', expiresAt: T0 + TTL });
      expect(await leases.current('transmission', T0 + TTL)).toBeNull();
      await leases.release('transmission', 'proc-b');
      expect((await leases.acquire('transmission', 'proc-b', T0 + 1, TTL)).acquired).toBe(false);
      await leases.release('transmission', 'proc-a');
      expect(await leases.current('transmission', T0 + 2)).toBeNull();
      expect(await leases.acquire('transmission', 'proc-b', T0 + 2, TTL)).toEqual({ acquired: true });
      await expect(leases.acquire('transmission', 'proc-c', T0, 0)).rejects.toMatchObject({
        code: 'usage.invalid_argument',
      });
    });

    it('go to exactly one of 20 concurrent callers on separate connections', async () => {
      const { database } = fx();
      const second = database.connect();
      const third = database.connect();
      const repos = [database.handle, second, third].map((h) => createLeaseRepository(h.db));
      for (const round of [0, 1]) {
        // Round 1 races for an expired lease: the takeover path must be just as exclusive.
        const now = T0 + round * 2 * TTL;
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            repos[i % repos.length]!.acquire('transmission', `r${round}-p${i}`, now, TTL),
          ),
        );
        const winners = results.flatMap((r, i) => (r.acquired ? [`r${round}-p${i}`] : []));
        expect(winners).toHaveLength(1);
        for (const r of results) {
          if (!r.acquired) expect(r.current).toEqual({ holder: winners[0], expiresAt: now + TTL });
        }
      }
    });
  });

  describe('settings', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('upsert, read back and list every key', async () => {
      const { settings } = fx().repos;
      expect(await settings.get('hub.url')).toBeNull();
      expect(await settings.all()).toEqual({});
      await settings.set('hub.url', 'http://127.0.0.1:9999');
      await settings.set('hub.url', 'https://hub.example');
      await settings.set('school.name', '示範中學');
      await settings.set('empty', '');
      expect(await settings.get('hub.url')).toBe('https://hub.example');
      expect(await settings.get('empty')).toBe('');
      expect(await settings.all()).toEqual({
        empty: '',
        'hub.url': 'https://hub.example',
        'school.name': '示範中學',
      });
    });
  });
}
