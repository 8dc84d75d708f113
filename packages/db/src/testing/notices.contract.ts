import { describe, expect, it } from 'vitest';
import type { MaintenanceNotice } from '@cds/domain';
import { createNoticeStore } from '../notice-store.js';
import type { TestDatabases } from './databases.js';
import { T0, incomingMessage, outgoingMessage } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

const notice: MaintenanceNotice = {
  id: 'm1',
  title: '系統維護',
  body: '星期六暫停服務',
  validFrom: T0,
  validTo: T0 + 86_400_000,
  groups: ['STAFF', 'SCHOOL_HEAD'],
  dismissible: true,
  createdBy: 'cdsadmin',
  createdAt: T0,
  updatedAt: T0,
};

/** Notifications' storage (SPEC §6): counts, dismissals, 維護通知 (node migration 0011). */
export function noticesContract(databases: TestDatabases): void {
  describe('notices: counts, dismissals and maintenance notices', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('count READY, SEND_FAIL (not archived) and unread incoming (not archived)', async () => {
      const { outgoing, incoming } = fx().repos;
      for (const status of ['READY', 'READY', 'SEND_FAIL', 'SENT'] as const)
        await outgoing.insert(outgoingMessage({ status }), []);
      await outgoing.insert(outgoingMessage({ status: 'SEND_FAIL', archived: true }), []);
      await incoming.insertIfNew(incomingMessage(), 'b');
      await incoming.insertIfNew(incomingMessage({ read: true }), 'b');
      await incoming.insertIfNew(incomingMessage({ archived: true }), 'b');
      expect(await createNoticeStore(fx().handle.db).counts()).toEqual({ ready: 2, sendFail: 1, unread: 1 });
    });

    it('keep one dismissal per user, kind and scope, replaced and removed', async () => {
      const store = createNoticeStore(fx().handle.db);
      await store.saveDismissal('head', { kind: 'ready', scope: 'count', level: 3 }, T0);
      await store.saveDismissal('head', { kind: 'ready', scope: 'count', level: 5 }, T0 + 1);
      await store.saveDismissal('staff', { kind: 'maintenance', scope: 'm1', level: T0 }, T0);
      expect(await store.dismissals('head')).toEqual([{ kind: 'ready', scope: 'count', level: 5 }]);
      await store.removeDismissal('head', { kind: 'ready', scope: 'count' });
      expect(await store.dismissals('head')).toEqual([]);
      expect(await store.dismissals('staff')).toEqual([{ kind: 'maintenance', scope: 'm1', level: T0 }]);
    });

    it('store, replace (author kept) and delete maintenance notices', async () => {
      const store = createNoticeStore(fx().handle.db);
      await store.saveMaintenanceNotice(notice);
      await store.saveMaintenanceNotice({ ...notice, body: '改期', createdBy: 'other', updatedAt: T0 + 5 });
      expect(await store.maintenanceNotice('m1')).toEqual({ ...notice, body: '改期', updatedAt: T0 + 5 });
      expect(await store.maintenanceNotices()).toHaveLength(1);
      expect(await store.deleteMaintenanceNotice('m1')).toBe(true);
      expect(await store.deleteMaintenanceNotice('m1')).toBe(false);
      expect(await store.maintenanceNotice('m1')).toBeNull();
    });
  });
}
