/**
 * Notifications' storage (SPEC §6): the counts behind the count notices, each user's dismissals and
 * the 維護通知. Same SQL on SQLite and PostgreSQL (bigint columns may come back as strings on pg,
 * hence Number()).
 */
import type { Kysely } from 'kysely';
import type { Dismissal, Group, MaintenanceNotice, NoticeKind, NoticeStore } from '@cds/domain';
import type { MaintenanceNoticesTable, NodeDatabase } from './schema.js';

function noticeOf(row: MaintenanceNoticesTable): MaintenanceNotice {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    validFrom: Number(row.valid_from),
    validTo: Number(row.valid_to),
    groups: JSON.parse(row.groups) as Group[],
    dismissible: Number(row.dismissible) === 1,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function createNoticeStore(db: Kysely<NodeDatabase>): NoticeStore {
  return {
    async counts() {
      const outgoing = await db
        .selectFrom('outgoing_messages')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('status', 'in', ['READY', 'SEND_FAIL'])
        .where('archived', '=', 0)
        .groupBy('status')
        .execute();
      const unread = await db
        .selectFrom('incoming_messages')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('is_read', '=', 0)
        .where('archived', '=', 0)
        .executeTakeFirst();
      const of = (status: string) => Number(outgoing.find((row) => row.status === status)?.n ?? 0);
      return { ready: of('READY'), sendFail: of('SEND_FAIL'), unread: Number(unread?.n ?? 0) };
    },

    async dismissals(username) {
      const rows = await db
        .selectFrom('notice_dismissals')
        .select(['kind', 'scope', 'level'])
        .where('username', '=', username)
        .execute();
      return rows.map((row) => ({
        kind: row.kind as NoticeKind,
        scope: row.scope,
        level: Number(row.level),
      }));
    },

    async saveDismissal(username, dismissal: Dismissal, at) {
      await db
        .insertInto('notice_dismissals')
        .values({ username, ...dismissal, dismissed_at: at })
        .onConflict((oc) =>
          oc.columns(['username', 'kind', 'scope']).doUpdateSet({ level: dismissal.level, dismissed_at: at }),
        )
        .execute();
    },

    async removeDismissal(username, { kind, scope }) {
      await db
        .deleteFrom('notice_dismissals')
        .where('username', '=', username)
        .where('kind', '=', kind)
        .where('scope', '=', scope)
        .execute();
    },

    async maintenanceNotices() {
      const rows = await db
        .selectFrom('maintenance_notices')
        .selectAll()
        .orderBy('valid_from', 'desc')
        .execute();
      return rows.map(noticeOf);
    },

    async maintenanceNotice(id) {
      const row = await db
        .selectFrom('maintenance_notices')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? noticeOf(row) : null;
    },

    async saveMaintenanceNotice(notice) {
      const row: MaintenanceNoticesTable = {
        id: notice.id,
        title: notice.title,
        body: notice.body,
        valid_from: notice.validFrom,
        valid_to: notice.validTo,
        groups: JSON.stringify(notice.groups),
        dismissible: notice.dismissible ? 1 : 0,
        created_by: notice.createdBy,
        created_at: notice.createdAt,
        updated_at: notice.updatedAt,
      };
      const { id: _id, created_by: _by, created_at: _at, ...changes } = row;
      await db
        .insertInto('maintenance_notices')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(changes))
        .execute();
    },

    async deleteMaintenanceNotice(id) {
      const result = await db.deleteFrom('maintenance_notices').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
