import type { IncomingMessage, OutgoingMessage } from '@cds/domain';
import { describe, expect, it } from 'vitest';
import type { TestDatabases } from './databases.js';
import { collectPages, incomingMessage, outgoingMessage, T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

const DAY = 86_400_000;

export function searchContract(databases: TestDatabases): void {
  describe('search on the lists (SPEC §6)', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('lists one user’s own outgoing messages only, paged by the same cursor (SPEC §7)', async () => {
      const { outgoing } = fx().repos;
      const mine = [0, 1, 2].map((i) => outgoingMessage({ createdAt: T0 + i * DAY, owner: 'staff' }));
      const theirs = outgoingMessage({
        createdAt: T0 + DAY,
        owner: 'head',
        description: 'Circular for heads',
      });
      for (const m of [...mine, theirs]) await outgoing.insert(m, []);
      const first = await outgoing.list({ owner: 'staff', limit: 2 });
      const second = await outgoing.list({ owner: 'staff', limit: 2, after: first.next });
      expect([...first.items, ...second.items].map((m) => m.id)).toEqual(mine.map((m) => m.id).reverse());
      expect(second.next).toBeNull();
      expect((await outgoing.list({ owner: 'staff', description: 'for heads' })).items).toEqual([]);
      expect(
        (await outgoing.list({ owner: 'head', description: 'for heads' })).items.map((m) => m.id),
      ).toEqual([theirs.id]);
    });

    it('finds outgoing messages by description, party (broadcasts too), subject, type and dates', async () => {
      const { outgoing } = fx().repos;
      const a = outgoingMessage({ createdAt: T0, description: 'Form A – Student Leaving', to: ['EDB'] });
      const b = outgoingMessage({
        createdAt: T0 + DAY,
        description: '表格 A – 學生離校（3 名）',
        to: ['HKEAA'],
        subject: 'TSA',
        status: 'SENT',
      });
      const c = outgoingMessage({
        createdAt: T0 + 2 * DAY,
        description: 'Circular "quoted" FORM a',
        to: ['123456', '654321'],
        subject: 'GEN',
        type: 'CIR',
      });
      for (const m of [a, b, c]) await outgoing.insert(m, []);
      const ids = async (q: Parameters<typeof outgoing.list>[0]) =>
        (await outgoing.list(q)).items.map((m: OutgoingMessage) => m.id);

      expect(await ids({ description: 'form a' })).toEqual([c.id, a.id]);
      expect(await ids({ description: '學生離校' })).toEqual([b.id]);
      expect(await ids({ description: '離校' })).toEqual([b.id]);
      expect(await ids({ description: '"quoted" form' })).toEqual([c.id]);
      expect(await ids({ description: 'form a', status: ['READY'], to: T0 + DAY })).toEqual([a.id]);
      expect(await ids({ party: '654321' })).toEqual([c.id]);
      expect(await ids({ party: 'EDB', subject: 'STU', type: 'SUB' })).toEqual([a.id]);
      expect(await ids({ party: 'HKEAA', subject: 'STU' })).toEqual([]);
      expect(await ids({ subject: 'GEN', type: 'CIR' })).toEqual([c.id]);
      expect(await ids({ from: T0 + DAY, to: T0 + 2 * DAY })).toEqual([b.id]);

      // The index follows a changed description, a changed recipient list and a deletion.
      await outgoing.update(a.id, a.version, { description: 'changed', to: ['HKEAA'] });
      expect(await ids({ description: 'form a' })).toEqual([c.id]);
      expect(await ids({ description: 'CHANGED' })).toEqual([a.id]);
      expect(await ids({ party: 'HKEAA' })).toEqual([b.id, a.id]);
      await outgoing.delete(c.id, {
        box: 'outgoing',
        party: 'local',
        messageId: c.id,
        deletedAt: T0,
        deletedBy: 'head',
      });
      expect(await ids({ description: 'form a' })).toEqual([]);
      expect(await ids({ party: '654321' })).toEqual([]);
    });

    it('pages a description search newest arrival first, each match once, with its own cursors', async () => {
      const { outgoing } = fx().repos;
      const stored: OutgoingMessage[] = [];
      for (let i = 0; i < 25; i++) {
        const m = outgoingMessage({ createdAt: T0 + i, description: `Form A batch ${i}` });
        await outgoing.insert(m, []);
        stored.push(m);
        await outgoing.insert(outgoingMessage({ createdAt: T0 + i, description: `other ${i}` }), []);
      }
      const { items, pages } = await collectPages((after) =>
        outgoing.list({ description: 'form a', limit: 10, after }),
      );
      expect(pages).toEqual([10, 10, 5]);
      expect(items.map((m) => m.id)).toEqual(stored.map((m) => m.id).reverse());

      const plain = await outgoing.list({ limit: 1 });
      await expect(outgoing.list({ description: 'form a', after: plain.next ?? 'x' })).rejects.toMatchObject({
        code: 'usage.invalid_argument',
      });
    });

    it('pages a date range by its cursor, each row once, the range ends respected', async () => {
      const { outgoing } = fx().repos;
      const stored: OutgoingMessage[] = [];
      for (let i = 0; i < 30; i++) {
        const m = outgoingMessage({ createdAt: T0 + i * DAY, status: i % 2 === 0 ? 'SENT' : 'READY' });
        await outgoing.insert(m, []);
        stored.push(m);
      }
      const { items, pages } = await collectPages((after) =>
        outgoing.list({ status: ['SENT'], from: T0 + 4 * DAY, to: T0 + 25 * DAY, limit: 4, after }),
      );
      const expected = stored.filter((m, i) => i % 2 === 0 && i >= 4 && i < 25).reverse();
      expect(items.map((m) => m.id)).toEqual(expected.map((m) => m.id));
      expect(pages).toEqual([4, 4, 3]);
    });

    it('finds incoming messages by sender, description and status within a date range', async () => {
      const { incoming } = fx().repos;
      const a = incomingMessage({ receivedAt: T0, from: 'EDB', description: 'TSA parameter file 2026' });
      const b = incomingMessage({
        receivedAt: T0 + DAY,
        from: 'HKEAA',
        description: 'TSA results',
        status: 'DECRYPTED',
      });
      const c = incomingMessage({
        receivedAt: T0 + 2 * DAY,
        from: 'EDB',
        subject: 'GEN',
        type: 'CIR',
        description: 'Circular',
      });
      for (const m of [a, b, c]) expect(await incoming.insertIfNew(m, 'f'.repeat(64))).toBe(true);
      const ids = async (q: Parameters<typeof incoming.list>[0]) =>
        (await incoming.list(q)).items.map((m: IncomingMessage) => m.id);

      expect(await ids({ description: 'tsa' })).toEqual([b.id, a.id]);
      expect(await ids({ description: 'parameter', party: 'EDB' })).toEqual([a.id]);
      expect(await ids({ party: 'EDB', subject: 'GEN', type: 'CIR' })).toEqual([c.id]);
      expect(await ids({ status: ['DECRYPTED'], from: T0, to: T0 + 2 * DAY })).toEqual([b.id]);
      expect(await ids({ status: ['ENCRYPTED'], from: T0 + DAY })).toEqual([c.id]);
    });
  });
}
