import { describe, expect, it } from 'vitest';
import type { TestDatabases } from './databases.js';
import { collectPages, incomingMessage, T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

const BLOB = 'b'.repeat(64);

export function incomingContract(databases: TestDatabases): void {
  describe('incoming messages', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('round-trip every field, nulls included', async () => {
      const { incoming } = fx().repos;
      const full = incomingMessage({
        subject: 'SPA',
        type: 'RES',
        priority: 'URGENT',
        encryptionLevel: 'CONFIDENTIAL',
        description: '中一學位分配結果',
        schoolReference: 'S1-2026',
        replyDeadline: 8_640_000_000_000_000,
        replyToId: '01890a5d-ac96-774b-bcce-b302099a8057',
        from: 'HKEAA',
        status: 'IMPORT_FAIL',
        receivedAt: T0,
        updatedAt: T0 + 1,
        read: true,
        decryptedBy: 'head',
        decryptedAt: T0 + 2,
        importedBy: 'staff',
        importedAt: T0 + 3,
        importResult: '{"rows":3,"errors":["row 2: bad class"]}',
        businessState: 'PROCESSED',
        lastError: 'row 2: bad class',
        archived: true,
        version: 4,
      });
      const minimal = incomingMessage();
      expect(await incoming.insertIfNew(full, BLOB)).toBe(true);
      expect(await incoming.insertIfNew(minimal, BLOB)).toBe(true);
      expect(await incoming.get(full.id)).toEqual(full);
      expect(await incoming.get(minimal.id)).toEqual(minimal);
      expect(await incoming.get('missing')).toBeNull();
    });

    it('store a downloaded message once, however often it arrives', async () => {
      const { incoming } = fx().repos;
      const m = incomingMessage();
      expect(await incoming.insertIfNew(m, BLOB)).toBe(true);
      expect(await incoming.insertIfNew({ ...m, description: 'changed' }, 'c'.repeat(64))).toBe(false);
      expect(await incoming.get(m.id)).toEqual(m);

      const racing = incomingMessage();
      const results = await Promise.all(Array.from({ length: 5 }, () => incoming.insertIfNew(racing, BLOB)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('never re-create a deleted message (tombstone of sender and id)', async () => {
      const { incoming, tombstones } = fx().repos;
      const m = incomingMessage({ from: '123456' });
      await incoming.insertIfNew(m, BLOB);
      const tombstone = {
        box: 'incoming',
        party: '123456',
        messageId: m.id,
        deletedAt: T0,
        deletedBy: 'head',
      } as const;

      await expect(incoming.delete(m.id, { ...tombstone, party: 'EDB' })).rejects.toMatchObject({
        code: 'validation.failed',
      });
      expect(await incoming.get(m.id)).toEqual(m);
      await incoming.delete(m.id, tombstone);
      expect(await incoming.get(m.id)).toBeNull();
      expect(await tombstones.has('incoming', '123456', m.id)).toBe(true);
      await expect(incoming.delete(m.id, tombstone)).rejects.toMatchObject({ code: 'message.not_found' });

      expect(await incoming.insertIfNew(m, BLOB)).toBe(false);
      expect(await incoming.get(m.id)).toBeNull();
      // The tombstone names the sender: the same id from another sender is another message.
      expect(await incoming.insertIfNew({ ...m, from: '654321' }, BLOB)).toBe(true);
    });

    it('update only the version it was given (optimistic concurrency)', async () => {
      const { incoming } = fx().repos;
      const m = incomingMessage();
      await incoming.insertIfNew(m, BLOB);
      const updated = await incoming.update(m.id, 1, {
        status: 'DECRYPTED',
        read: true,
        decryptedBy: 'head',
        decryptedAt: T0 + 5,
      });
      expect(updated).toEqual({
        ...m,
        status: 'DECRYPTED',
        read: true,
        decryptedBy: 'head',
        decryptedAt: T0 + 5,
        version: 2,
      });
      expect(await incoming.update(m.id, 2, { read: false })).toMatchObject({ read: false, version: 3 });
      await expect(incoming.update(m.id, 2, { read: true })).rejects.toMatchObject({
        code: 'message.concurrent_update',
      });
      await expect(incoming.update('missing', 1, { read: true })).rejects.toMatchObject({
        code: 'message.not_found',
      });
    });

    it('page newest-received first and filter like the outgoing box', async () => {
      const { incoming } = fx().repos;
      const messages = Array.from({ length: 25 }, (_, i) =>
        incomingMessage({
          receivedAt: T0 + Math.floor(i / 3),
          status: i % 2 === 0 ? 'ENCRYPTED' : 'DECRYPTED',
          archived: i % 5 === 0,
          description: i === 7 ? '全港性系統評估 參數檔' : `file ${i}`,
          from: i === 11 ? 'HKEAA' : 'EDB',
        }),
      );
      for (const m of messages) await incoming.insertIfNew(m, BLOB);
      const expected = [...messages].sort((a, b) => b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : -1));

      const all = await collectPages((after) => incoming.list({ limit: 10, after }));
      expect(all.pages).toEqual([10, 10, 5]);
      expect(all.items.map((m) => m.id)).toEqual(expected.map((m) => m.id));

      const encrypted = await collectPages((after) =>
        incoming.list({ status: ['ENCRYPTED'], archived: false, limit: 4, after }),
      );
      expect(encrypted.items.map((m) => m.id)).toEqual(
        expected.filter((m) => m.status === 'ENCRYPTED' && !m.archived).map((m) => m.id),
      );
      expect((await incoming.list({ text: '系統評估' })).items.map((m) => m.id)).toEqual([messages[7]?.id]);
      expect((await incoming.list({ text: 'hkeaa' })).items.map((m) => m.id)).toEqual([messages[11]?.id]);
    });
  });
}
