import type { Kysely, Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrateToLatest, pendingMigrations } from '../migrations/index.js';
import type { HubDatabase } from '../schema.js';
import { createLeaseRepository } from '../lease-repository.js';
import { createSettingsRepository } from '../settings-repository.js';
import type { TestDatabases } from './databases.js';
import { T0 } from './builders.js';

export function migrationContract(databases: TestDatabases): void {
  describe('migrations', () => {
    it('apply the node schema to an empty database, then find nothing more to do', async () => {
      const { handle } = await databases.fresh();
      expect(await pendingMigrations(handle.db, 'node')).toEqual([
        '0001_node_initial',
        '0002_node_keys',
        '0003_node_directory',
        '0004_node_transmission',
        '0006_node_transport_keys',
        '0007_node_users',
        '0008_node_reports',
        '0009_node_bundles_search',
        '0011_node_notices',
        '0012_node_students',
        '0013_node_owner_index',
      ]);
      expect(await migrateToLatest(handle.db, 'node')).toEqual([
        '0001_node_initial',
        '0002_node_keys',
        '0003_node_directory',
        '0004_node_transmission',
        '0006_node_transport_keys',
        '0007_node_users',
        '0008_node_reports',
        '0009_node_bundles_search',
        '0011_node_notices',
        '0012_node_students',
        '0013_node_owner_index',
      ]);
      expect(await pendingMigrations(handle.db, 'node')).toEqual([]);
      expect(await migrateToLatest(handle.db, 'node')).toEqual([]);
    });

    it('apply the hub schema, idempotently, with every table usable', async () => {
      const { handle } = await databases.fresh();
      expect(await migrateToLatest(handle.db, 'hub')).toEqual([
        '0001_hub_initial',
        '0002_hub_registry',
        '0003_hub_relay',
        '0004_hub_keys',
        '0006_hub_bundles',
      ]);
      expect(await migrateToLatest(handle.db, 'hub')).toEqual([]);

      const db = handle.db as unknown as Kysely<HubDatabase>;
      await db
        .insertInto('participants')
        .values([
          { code: '123456', role: 'school', name: '示範中學', registered_at: T0, revoked_at: null },
          { code: 'EDB', role: 'agency', name: '教育局', registered_at: T0, revoked_at: null },
        ])
        .execute();
      await db
        .insertInto('messages')
        .values({
          id: 'm1',
          sender: '123456',
          header_jws: 'h',
          payload_sha256: 'a'.repeat(64),
          payload_size: 5_000_000_000,
          payload_blob: 'a'.repeat(64),
          accepted_at: T0,
          acceptance_receipt: 'r',
        })
        .execute();
      await db
        .insertInto('deliveries')
        .values({ message_id: 'm1', recipient: 'EDB', state: 'PENDING', acked_at: null })
        .execute();
      await db.insertInto('nonces').values({ keyid: 'k', nonce: 'n', expires_at: T0 }).execute();
      await expect(
        db.insertInto('nonces').values({ keyid: 'k', nonce: 'n', expires_at: T0 }).execute(),
      ).rejects.toThrow();

      expect(await db.selectFrom('messages').select('payload_size').executeTakeFirstOrThrow()).toEqual({
        payload_size: 5_000_000_000,
      });
      expect(await db.selectFrom('deliveries').selectAll().execute()).toEqual([
        { message_id: 'm1', recipient: 'EDB', state: 'PENDING', acked_at: null },
      ]);

      // Settings and leases are shared by both roles.
      await createSettingsRepository(db).set('hub.url', 'https://hub.example');
      expect(await createSettingsRepository(db).get('hub.url')).toBe('https://hub.example');
      expect(await createLeaseRepository(db).acquire('scheduler', 'a', T0, 1000)).toEqual({ acquired: true });
    });

    it('apply a batch all or nothing', async () => {
      const { handle } = await databases.fresh();
      const createTable = (name: string): Migration => ({
        up: async (db) => {
          await db.schema
            .createTable(name)
            .addColumn('id', 'text', (col) => col.primaryKey())
            .execute();
        },
      });
      const batch = {
        '0001_a': createTable('a'),
        '0002_b': {
          up: async (db: Kysely<unknown>) => {
            await createTable('b').up(db);
            throw new Error('disk on fire');
          },
        },
      };
      await expect(applyMigrations(handle.db, batch)).rejects.toMatchObject({
        code: 'db.migration_failed',
        details: { detail: '0002_b: disk on fire' },
      });
      const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
      expect(tables).not.toContain('a');
      expect(tables).not.toContain('b');
      // The database is still usable afterwards (no transaction left open).
      expect(await migrateToLatest(handle.db, 'node')).toEqual([
        '0001_node_initial',
        '0002_node_keys',
        '0003_node_directory',
        '0004_node_transmission',
        '0006_node_transport_keys',
        '0007_node_users',
        '0008_node_reports',
        '0009_node_bundles_search',
        '0011_node_notices',
        '0012_node_students',
        '0013_node_owner_index',
      ]);
    });

    it('refuse to run one role’s migrations on the other role’s database', async () => {
      const { handle } = await databases.fresh();
      await migrateToLatest(handle.db, 'hub');
      await expect(migrateToLatest(handle.db, 'node')).rejects.toMatchObject({ code: 'db.migration_failed' });
    });
  });
}
