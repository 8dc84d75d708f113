import type { OutgoingMessage } from '@cds/domain';
import { describe, expect, it } from 'vitest';
import type { TestDatabases } from './databases.js';
import { collectPages, outgoingMessage, T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

const LATE = 8_640_000_000_000_000; // the largest epoch ms a JS Date can hold (year 275760)

export function outgoingContract(databases: TestDatabases): void {
  describe('outgoing messages', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('round-trip every field, nulls included', async () => {
      const { outgoing } = fx().repos;
      const full = outgoingMessage({
        subject: 'TSA',
        type: 'RPL',
        priority: 'URGENT',
        encryptionLevel: 'CONFIDENTIAL',
        description: '表格 A – 學生離校 2026-09-01 至 2026-09-30（3 名）',
        schoolReference: 'REF/2026/001',
        replyDeadline: LATE,
        replyToId: '01890a5d-ac96-774b-bcce-b302099a8057',
        to: ['123456', '654321', 'EDB'],
        status: 'SEND_FAIL',
        owner: 'head',
        sourceModule: 'student.formA',
        createdAt: T0,
        updatedAt: T0 + 1,
        sealedAt: T0 + 2,
        sentAt: T0 + 3,
        receivedAt: T0 + 4,
        attempts: 7,
        lastError: 'hub unreachable: ECONNREFUSED',
        exportedAt: T0 + 5,
        archived: true,
        version: 3,
      });
      const minimal = outgoingMessage({ to: [] });
      await outgoing.insert(full, []);
      await outgoing.insert(minimal, []);
      expect(await outgoing.get(full.id)).toEqual(full);
      expect(await outgoing.get(minimal.id)).toEqual(minimal);
      expect(await outgoing.get('00000000-0000-7000-8000-000000000000')).toBeNull();
    });

    it('store attachments with the message, in order, all or nothing', async () => {
      const { outgoing } = fx().repos;
      const m = outgoingMessage();
      const attachment = (ordinal: number, displayName: string) => ({
        messageId: m.id,
        ordinal,
        displayName,
        mediaType: 'text/csv',
        size: 3_000_000_000 + ordinal,
        sha256: String(ordinal).repeat(64),
        blob: String(ordinal).repeat(64),
      });
      await outgoing.insert(m, [attachment(2, '學生名單.csv'), attachment(1, 'form-a.csv')]);
      expect(await outgoing.attachments(m.id)).toEqual([
        attachment(1, 'form-a.csv'),
        attachment(2, '學生名單.csv'),
      ]);

      const broken = outgoingMessage();
      const dup = { ...attachment(1, 'a'), messageId: broken.id };
      await expect(outgoing.insert(broken, [dup, dup])).rejects.toThrow();
      expect(await outgoing.get(broken.id)).toBeNull();
      await expect(outgoing.insert(m, [])).rejects.toThrow(); // same id twice
    });

    it('update only the version it was given (optimistic concurrency)', async () => {
      const { outgoing } = fx().repos;
      const m = outgoingMessage();
      await outgoing.insert(m, []);
      const updated = await outgoing.update(m.id, 1, {
        status: 'PROCESSING',
        sealedAt: T0 + 9,
        to: ['HKEAA'],
        archived: true,
        lastError: null,
      });
      expect(updated).toEqual({
        ...m,
        status: 'PROCESSING',
        sealedAt: T0 + 9,
        to: ['HKEAA'],
        archived: true,
        version: 2,
      });
      expect(await outgoing.get(m.id)).toEqual(updated);

      await expect(outgoing.update(m.id, 1, { status: 'SENT' })).rejects.toMatchObject({
        code: 'message.concurrent_update',
      });
      await expect(outgoing.update('missing', 1, { status: 'SENT' })).rejects.toMatchObject({
        code: 'message.not_found',
      });
      expect((await outgoing.get(m.id))?.status).toBe('PROCESSING');

      // Two writers that read version 2: exactly one wins.
      const results = await Promise.allSettled([
        outgoing.update(m.id, 2, { attempts: 1 }),
        outgoing.update(m.id, 2, { attempts: 2 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await outgoing.get(m.id))?.version).toBe(3);
    });

    it('page through 25 rows, 10 at a time, newest first, each row once', async () => {
      const { outgoing } = fx().repos;
      // Groups of rows share a creation time, so the id tiebreak is exercised across page edges.
      const messages = Array.from({ length: 25 }, (_, i) =>
        outgoingMessage({ createdAt: T0 + Math.floor(i / 4) * 1000 }),
      );
      for (const m of messages) await outgoing.insert(m, []);
      const expected = [...messages]
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
        .map((m) => m.id);

      const { items, pages } = await collectPages((after) => outgoing.list({ limit: 10, after }));
      expect(pages).toEqual([10, 10, 5]);
      expect(items.map((m) => m.id)).toEqual(expected);
      expect((await outgoing.list({ limit: 25 })).next).toBeNull();
      await expect(outgoing.list({ after: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'usage.invalid_argument',
      });
    });

    it('filter by status, archived flag and text (case-insensitive, Chinese, ids, literal wildcards)', async () => {
      const { outgoing } = fx().repos;
      const a = outgoingMessage({
        createdAt: T0 + 1,
        status: 'READY',
        description: 'Form A – Student Leaving',
      });
      const b = outgoingMessage({
        createdAt: T0 + 2,
        status: 'SENT',
        description: '表格 A – 學生離校（3 名）',
        archived: true,
      });
      const c = outgoingMessage({
        createdAt: T0 + 3,
        status: 'SEND_FAIL',
        description: '100% done_ok',
        subject: 'FIN',
      });
      const d = outgoingMessage({
        createdAt: T0 + 4,
        status: 'REJECTED',
        description: 'other',
        to: ['HKEAA'],
      });
      for (const m of [a, b, c, d]) await outgoing.insert(m, []);
      const ids = async (q: Parameters<typeof outgoing.list>[0]) =>
        (await outgoing.list(q)).items.map((m: OutgoingMessage) => m.id);

      expect(await ids({})).toEqual([d.id, c.id, b.id, a.id]);
      expect(await ids({ status: ['READY', 'SEND_FAIL'] })).toEqual([c.id, a.id]);
      expect(await ids({ status: [] })).toEqual([d.id, c.id, b.id, a.id]);
      expect(await ids({ archived: true })).toEqual([b.id]);
      expect(await ids({ archived: false, status: ['SENT', 'READY'] })).toEqual([a.id]);
      expect(await ids({ text: 'STUDENT leaving' })).toEqual([a.id]);
      expect(await ids({ text: '學生離校' })).toEqual([b.id]);
      expect(await ids({ text: b.id.slice(0, 13).toUpperCase() })).toEqual([b.id]);
      expect(await ids({ text: 'fin' })).toEqual([c.id]);
      expect(await ids({ text: 'hkeaa' })).toEqual([d.id]);
      expect(await ids({ text: '%' })).toEqual([c.id]);
      expect(await ids({ text: '_' })).toEqual([c.id]);
      expect(await ids({ text: '!' })).toEqual([]);
      expect(await ids({ text: '   ' })).toEqual([d.id, c.id, b.id, a.id]);

      const filtered = await collectPages((after) =>
        outgoing.list({ status: ['READY', 'SENT', 'SEND_FAIL'], limit: 1, after }),
      );
      expect(filtered.items.map((m) => m.id)).toEqual([c.id, b.id, a.id]);
    });

    it('delete the row and its attachments and leave a tombstone, atomically', async () => {
      const { outgoing, tombstones } = fx().repos;
      const m = outgoingMessage();
      await outgoing.insert(m, [
        {
          messageId: m.id,
          ordinal: 1,
          displayName: 'a.csv',
          mediaType: 'text/csv',
          size: 1,
          sha256: 'a'.repeat(64),
          blob: 'a'.repeat(64),
        },
      ]);
      const tombstone = {
        box: 'outgoing',
        party: 'EDB',
        messageId: m.id,
        deletedAt: T0,
        deletedBy: 'head',
      } as const;

      await expect(outgoing.delete(m.id, { ...tombstone, box: 'incoming' })).rejects.toMatchObject({
        code: 'validation.failed',
      });
      await outgoing.delete(m.id, tombstone);
      expect(await outgoing.get(m.id)).toBeNull();
      expect(await outgoing.attachments(m.id)).toEqual([]);
      expect(await tombstones.has('outgoing', 'EDB', m.id)).toBe(true);
      expect(await tombstones.has('incoming', 'EDB', m.id)).toBe(false);
      await expect(outgoing.delete(m.id, tombstone)).rejects.toMatchObject({ code: 'message.not_found' });
    });
  });
}
