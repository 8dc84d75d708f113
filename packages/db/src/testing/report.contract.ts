import { describe, expect, it } from 'vitest';
import type { ReportMessageQuery } from '@cds/domain';
import { createNodeBundleStore } from '../bundle-stores.js';
import { createReportSource } from '../report-queries.js';
import type { TestDatabases } from './databases.js';
import { incomingMessage, outgoingMessage, T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

const HOUR = 3_600_000;

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

export function reportContract(databases: TestDatabases): void {
  describe('report queries', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('walk a date range oldest first by (date, id), every row once across pages, ends exclusive', async () => {
      const { repos, handle } = fx();
      // Seven rows share one instant so the id decides their order across page boundaries.
      const ids: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        const at = i < 7 ? T0 + HOUR : T0 + (i - 5) * HOUR;
        const message = outgoingMessage({ createdAt: at, description: `row ${i}` });
        ids.push(message.id);
        await repos.outgoing.insert(message, []);
      }
      await repos.outgoing.insert(outgoingMessage({ createdAt: T0 - 1 }), []);
      await repos.outgoing.insert(outgoingMessage({ createdAt: T0 + 20 * HOUR }), []);
      const source = createReportSource(handle.db);
      const query: ReportMessageQuery = {
        dataset: 'outgoing.created',
        from: T0,
        to: T0 + 20 * HOUR,
        pageSize: 3,
      };
      const rows = await all(source.messages(query));
      expect(rows).toHaveLength(12);
      expect(new Set(rows.map((row) => row.id))).toEqual(new Set(ids));
      const keys = rows.map((row) => [row.at, row.id] as const);
      const sorted = [...keys].sort(([a, x], [b, y]) => a - b || (x < y ? -1 : x > y ? 1 : 0));
      expect(keys).toEqual(sorted);
      expect(rows[0]).toMatchObject({ box: 'outgoing', parties: ['EDB'], subject: 'STU', owner: 'staff' });
    });

    it('filter by status and subject, and read each dataset by its own date', async () => {
      const { repos, handle } = fx();
      const inRange = T0 + HOUR;
      const before = T0 - HOUR;
      await repos.outgoing.insert(outgoingMessage({ status: 'READY', createdAt: inRange }), []);
      await repos.outgoing.insert(
        outgoingMessage({
          status: 'SENT',
          subject: 'TSA',
          createdAt: before,
          sentAt: inRange,
          updatedAt: inRange,
        }),
        [],
      );
      await repos.outgoing.insert(
        outgoingMessage({ status: 'SEND_FAIL', createdAt: before, updatedAt: before, exportedAt: inRange }),
        [],
      );
      const downloaded = incomingMessage({ receivedAt: inRange });
      const bundled = incomingMessage({ receivedAt: before, status: 'DECRYPTED', decryptedAt: inRange });
      await repos.incoming.insertIfNew(downloaded, 'b'.repeat(64));
      // Imported from a bundle (匯入訊息): dated by the import, not by its reception time.
      await createNodeBundleStore(handle.db).importAll([{ message: bundled, payloadBlob: 'b'.repeat(64) }], {
        at: inRange,
        by: 'head',
        file: 'EDB-to-123456.zip',
      });
      await repos.keyChanges.append({
        id: 'k-in',
        at: inRange,
        user: 'head',
        kid: 'kid1',
        fingerprint: 'fp',
        validFrom: inRange,
        validTo: inRange + 1,
        reason: 'yearly change',
      });
      await repos.keyChanges.append({ ...(await repos.keyChanges.list())[0]!, id: 'k-out', at: before });

      const source = createReportSource(handle.db);
      const range = { from: T0, to: T0 + 2 * HOUR };
      const statuses = async (dataset: ReportMessageQuery['dataset'], extra = {}) =>
        (await all(source.messages({ dataset, ...range, ...extra }))).map((row) => row.status);
      expect(await statuses('outgoing.created')).toEqual(['READY']);
      expect(await statuses('outgoing.uploaded')).toEqual(['SENT']);
      expect(await statuses('outgoing.exported')).toEqual(['SEND_FAIL']);
      expect(await statuses('outgoing.updated', { statuses: ['SENT'] })).toEqual(['SENT']);
      expect(await statuses('outgoing.updated', { subjects: ['STU'] })).toEqual(['READY']);
      expect(await statuses('outgoing.updated', { statuses: ['REJECTED'] })).toEqual([]);
      expect(
        (await all(source.messages({ dataset: 'incoming.received', ...range }))).map((r) => r.id),
      ).toEqual([downloaded.id]);
      const [imported] = await all(source.messages({ dataset: 'incoming.bundled', ...range }));
      expect(imported).toMatchObject({ id: bundled.id, parties: ['EDB'], at: inRange, decryptedAt: inRange });
      expect((await all(source.keyChanges(range))).map((change) => change.id)).toEqual(['k-in']);
    });
  });
}
