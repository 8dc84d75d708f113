import { describe, expect, it } from 'vitest';
import type { Student } from '@cds/modules';
import { createStudentStore } from '../student-store.js';
import type { TestDatabases } from './databases.js';
import { T0, outgoingMessage } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

let serial = 0;
function student(overrides: Partial<Student> = {}): Student {
  serial += 1;
  return {
    id: `st-${serial}`,
    strn: `A${String(100000 + serial)}0`,
    nameEn: 'CHAN Tai Man',
    nameZh: '陳大文',
    sex: 'M',
    dateOfBirth: '2014-03-01',
    classLevel: 'P6',
    className: 'A',
    classNo: serial % 40,
    admissionDate: '2020-09-01',
    status: 'ENROLLED',
    leavingDate: null,
    leavingReason: null,
    leavingNote: null,
    createdAt: T0,
    updatedAt: T0,
    version: 1,
    ...overrides,
  };
}

const left = { status: 'LEFT', leavingDate: '2040-01-10', leavingReason: 'EMIGRATION' } as const;

/** The Student module's register, Form A entries and imported records (node migration 0012, SPEC §8). */
export function studentsContract(databases: TestDatabases): void {
  describe('students: register, Form A entries and module records', () => {
    const fx = useMigratedNodeDatabase(databases);
    const store = () => createStudentStore(fx().handle.db);

    it('import a batch all or nothing, refusing a duplicate STRN', async () => {
      const a = student();
      await store().insertMany([a, student()]);
      const fresh = student();
      // The store names the clash even when it is found by the unique index, not by a check before.
      await expect(store().insertMany([fresh, student({ strn: a.strn })])).rejects.toMatchObject({
        code: 'student.duplicate_strn',
        details: { strn: a.strn },
      });
      expect(await store().get(fresh.id)).toBeNull();
      expect(await store().existingStrns([a.strn, fresh.strn])).toEqual(new Set([a.strn]));
      expect(await store().get(a.id)).toEqual({
        ...a,
        reportState: null,
        formAMessageId: null,
        formAMessageStatus: null,
      });
    });

    it('list in class order and search by STRN, either name or class, wildcards taken literally', async () => {
      const p6b = student({
        classLevel: 'P6',
        className: 'B',
        classNo: 1,
        nameEn: 'WONG Siu Ming',
        nameZh: '黃小明',
      });
      const p1a = student({
        classLevel: 'P1',
        className: 'A',
        classNo: 2,
        nameEn: 'LEE 100% Kei',
        nameZh: null,
      });
      const gone = student({ classLevel: 'S1', className: 'C', classNo: 3, ...left });
      await store().insertMany([p6b, p1a, gone]);
      const ids = async (query: Parameters<ReturnType<typeof store>['list']>[0]) =>
        (await store().list(query)).map((row) => row.id);
      expect(await ids({ limit: 10 })).toEqual([p1a.id, p6b.id, gone.id]);
      expect(await ids({ limit: 2 })).toEqual([p1a.id, p6b.id]);
      expect(await ids({ text: p6b.strn.toLowerCase(), limit: 10 })).toEqual([p6b.id]);
      expect(await ids({ text: 'siu ming', limit: 10 })).toEqual([p6b.id]);
      expect(await ids({ text: '小明', limit: 10 })).toEqual([p6b.id]);
      expect(await ids({ text: '6b', limit: 10 })).toEqual([p6b.id]);
      expect(await ids({ text: '100%', limit: 10 })).toEqual([p1a.id]);
      expect(await ids({ text: '_', limit: 10 })).toEqual([]);
      expect(await ids({ status: 'LEFT', limit: 10 })).toEqual([gone.id]);
    });

    it('edit under the version read, set and undo 離校', async () => {
      const s = student();
      await store().insertMany([s]);
      const edited = await store().update(s.id, 1, { className: 'C', classNo: 7 }, T0 + 1);
      expect(edited).toMatchObject({ className: 'C', classNo: 7, version: 2, updatedAt: T0 + 1 });
      await expect(store().update(s.id, 1, { classNo: 8 }, T0 + 2)).rejects.toMatchObject({
        code: 'student.concurrent_update',
      });
      const other = student();
      await store().insertMany([other]);
      await expect(store().update(s.id, 2, { strn: other.strn }, T0 + 2)).rejects.toMatchObject({
        code: 'student.duplicate_strn',
      });
      await expect(store().update('missing', 1, { classNo: 8 }, T0 + 2)).rejects.toMatchObject({
        code: 'student.not_found',
      });
      const gone = await store().update(s.id, 2, { ...left, leavingNote: '移民' }, T0 + 3);
      expect(gone).toMatchObject({ ...left, leavingNote: '移民', reportState: 'NOT_REPORTED', version: 3 });
      expect((await store().formACandidates()).map((c) => c.id)).toEqual([s.id]);
      const back = await store().update(
        s.id,
        3,
        { status: 'ENROLLED', leavingDate: null, leavingReason: null, leavingNote: null },
        T0 + 4,
      );
      expect(back).toMatchObject({
        status: 'ENROLLED',
        leavingDate: null,
        leavingReason: null,
        reportState: null,
      });
      expect(await store().formACandidates()).toEqual([]);
    });

    it('hold a student in one live Form A message: PREPARED, then REPORTED; a second message is refused', async () => {
      const { outgoing } = fx().repos;
      const [a, b] = [student(left), student({ ...left, leavingDate: '2040-01-05' })];
      await store().insertMany([a, b]);
      expect((await store().formACandidates()).map((c) => c.id)).toEqual([b.id, a.id]);
      const first = outgoingMessage({ status: 'READY', sourceModule: 'student' });
      const second = outgoingMessage({ status: 'READY', sourceModule: 'student' });
      await outgoing.insert(first, []);
      await outgoing.insert(second, []);
      await store().addFormAEntries(first.id, [a.id], T0);
      expect(await store().get(a.id)).toMatchObject({
        reportState: 'PREPARED',
        formAMessageId: first.id,
        formAMessageStatus: 'READY',
      });
      // b is free but a is not: the whole batch is refused and b stays a candidate.
      await expect(store().addFormAEntries(second.id, [b.id, a.id], T0 + 1)).rejects.toMatchObject({
        code: 'student.form_a_changed',
      });
      expect(await store().formAEntries(second.id)).toEqual([]);
      expect((await store().formACandidates()).map((c) => c.id)).toEqual([b.id]);
      await outgoing.update(first.id, 1, { status: 'SENT' });
      expect(await store().get(a.id)).toMatchObject({ reportState: 'REPORTED', formAMessageStatus: 'SENT' });
    });

    it('release the students of a REJECTED or deleted message so a new Form A can carry them', async () => {
      const { outgoing } = fx().repos;
      const [a, b] = [student(left), student(left)];
      await store().insertMany([a, b]);
      const rejected = outgoingMessage({ status: 'SENT' });
      const deleted = outgoingMessage({ status: 'READY' });
      const next = outgoingMessage({ status: 'READY' });
      for (const m of [rejected, deleted, next]) await outgoing.insert(m, []);
      await store().addFormAEntries(rejected.id, [a.id], T0);
      await store().addFormAEntries(deleted.id, [b.id], T0);
      await outgoing.update(rejected.id, 1, { status: 'REJECTED' });
      await outgoing.delete(deleted.id, {
        box: 'outgoing',
        party: '123456',
        messageId: deleted.id,
        deletedAt: T0,
        deletedBy: 'staff',
      });
      for (const id of [a.id, b.id])
        expect(await store().get(id)).toMatchObject({ reportState: 'NOT_REPORTED', formAMessageId: null });
      expect((await store().formACandidates()).map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
      await store().addFormAEntries(next.id, [a.id, b.id], T0 + 1);
      expect([...(await store().formAEntries(next.id))].sort()).toEqual([a.id, b.id].sort());
      expect(await store().formAEntries(rejected.id)).toEqual([a.id]);
      expect(await store().get(a.id)).toMatchObject({ reportState: 'PREPARED', formAMessageId: next.id });
    });

    it('replace one message’s imported records of one module, in order', async () => {
      await store().replace('tsa', 'm1', [{ n: 1 }, { n: 2, 名: '陳' }], T0);
      await store().replace('tsa', 'm2', [{ n: 9 }], T0);
      await store().replace('other', 'm1', [{ x: true }], T0);
      expect(await store().records('tsa', 'm1')).toEqual([{ n: 1 }, { n: 2, 名: '陳' }]);
      await store().replace('tsa', 'm1', [{ n: 3 }], T0 + 1);
      expect(await store().records('tsa', 'm1')).toEqual([{ n: 3 }]);
      expect(await store().records('tsa', 'm2')).toEqual([{ n: 9 }]);
      expect(await store().records('other', 'm1')).toEqual([{ x: true }]);
      expect(await store().records('tsa', 'none')).toEqual([]);
    });
  });
}
