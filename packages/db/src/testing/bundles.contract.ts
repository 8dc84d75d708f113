import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RelayedMessage } from '@cds/domain';
import { createHubBundleStore } from '../bundle-stores.js';
import { createRelayStore } from '../hub-relay.js';
import { migrateToLatest } from '../migrations/index.js';
import type { HubDatabase } from '../schema.js';
import type { TestDatabases } from './databases.js';
import { incomingMessage, outgoingMessage, T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

const BLOB = 'b'.repeat(64);
const move = { at: T0, by: 'head', file: 'bundle.zip' };

function relayed(id: string): RelayedMessage {
  return {
    id,
    sender: '123456',
    headerJws: `header-${id}`,
    payloadSha256: BLOB,
    payloadSize: 10,
    payloadBlob: BLOB,
    acceptedAt: T0,
    acceptanceReceipt: `receipt-${id}`,
  };
}

class Crash extends Error {}

export function bundlesContract(databases: TestDatabases): void {
  describe('offline bundles at a node', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('imports a whole bundle in one transaction: a failure half-way leaves nothing', async () => {
      const { incoming, bundles } = fx().repos;
      const [a, b] = [incomingMessage(), incomingMessage()];
      const entries = [a, b].map((message) => ({ message, payloadBlob: BLOB }));
      await expect(
        bundles.importAll(entries, move, (index) => {
          if (index === 1) throw new Crash('after the second insert');
        }),
      ).rejects.toBeInstanceOf(Crash);
      expect((await incoming.list({})).items).toEqual([]);
      expect(await bundles.imported(a.id)).toBeNull();

      expect(await bundles.importAll(entries, move)).toEqual([a.id, b.id]);
      expect(await bundles.imported(b.id)).toEqual(move);
      // A message stored meanwhile (a download) is kept as it is, the others still go in.
      const c = incomingMessage();
      expect(await incoming.insertIfNew(c, BLOB)).toBe(true);
      expect(await bundles.importAll([...entries, { message: c, payloadBlob: BLOB }], move)).toEqual([]);
      expect(await bundles.imported(c.id)).toBeNull();
    });

    it('keeps every export of an outgoing message', async () => {
      const { outgoing, bundles } = fx().repos;
      const message = outgoingMessage({ status: 'SEND_FAIL' });
      await outgoing.insert(message, []);
      await bundles.recordExports([message.id], move);
      await bundles.recordExports([message.id], { ...move, at: T0 + 1, file: 'again.zip' });
      expect((await bundles.exports(message.id)).map((m) => m.file)).toEqual(['bundle.zip', 'again.zip']);
    });
  });

  describe('offline bundles at the hub', () => {
    let db: Kysely<HubDatabase>;

    beforeEach(async () => {
      const database = await databases.fresh();
      await migrateToLatest(database.handle.db, 'hub');
      db = database.handle.db as unknown as Kysely<HubDatabase>;
      await db
        .insertInto('participants')
        .values(
          ['123456', 'EDB'].map((code) => ({
            code,
            role: code === 'EDB' ? 'agency' : 'school',
            name: code,
            registered_at: T0,
            revoked_at: null,
          })),
        )
        .execute();
    });

    it('ingests all messages or none, deduplicated with what is stored, and marks exports per delivery', async () => {
      const bundles = createHubBundleStore(db);
      const relay = createRelayStore(db);
      const [a, b] = [
        relayed('01900000-0000-7000-8000-00000000000a'),
        relayed('01900000-0000-7000-8000-00000000000b'),
      ];
      await relay.accept(a, ['EDB']);
      const results = await bundles.ingestAll(
        [
          { message: a, recipients: ['EDB'] },
          { message: b, recipients: ['EDB'] },
        ],
        move,
      );
      expect(results.map((r) => r.created)).toEqual([false, true]);
      expect(await bundles.ingested(a.id)).toBeNull();
      expect(await bundles.ingested(b.id)).toEqual(move);
      await expect(
        bundles.ingestAll(
          [{ message: relayed('01900000-0000-7000-8000-00000000000c'), recipients: ['NOPE'] }],
          move,
        ),
      ).rejects.toThrow();
      expect(await relay.message('01900000-0000-7000-8000-00000000000c')).toBeNull();

      await bundles.markExported('EDB', [a.id, b.id], move);
      expect(await bundles.exportsOf(b.id, 'EDB')).toEqual([move]);
      expect((await relay.delivery(b.id, 'EDB'))?.state).toBe('PENDING');
    });
  });
}
