import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RelayStore, RelayedMessage, StoredRecipientReceipt } from '@cds/domain';
import { createRelayStore } from '../hub-relay.js';
import { migrateToLatest } from '../migrations/index.js';
import type { HubDatabase } from '../schema.js';
import type { TestDatabases } from './databases.js';
import { T0 } from './builders.js';

function message(id: string, overrides: Partial<RelayedMessage> = {}): RelayedMessage {
  return {
    id,
    sender: '123456',
    headerJws: `header-${id}`,
    payloadSha256: 'a'.repeat(64),
    payloadSize: 5_000_000_000,
    payloadBlob: 'a'.repeat(64),
    acceptedAt: T0,
    acceptanceReceipt: `receipt-${id}`,
    ...overrides,
  };
}

function receipt(
  messageId: string,
  recipient: string,
  at: number,
  kind: 'delivery' | 'refusal' = 'delivery',
) {
  const stored: StoredRecipientReceipt = {
    kind,
    messageId,
    recipient,
    jws: `jws-${kind}-${messageId}-${recipient}`,
    signerKid: `t-${recipient}`,
    reason: kind === 'refusal' ? 'envelope.payload_hash_mismatch' : null,
    storedAt: at,
  };
  return stored;
}

export function relayContract(databases: TestDatabases): void {
  describe('hub relay store', () => {
    let db: Kysely<HubDatabase>;
    let relay: RelayStore;

    beforeEach(async () => {
      const database = await databases.fresh();
      await migrateToLatest(database.handle.db, 'hub');
      db = database.handle.db as unknown as Kysely<HubDatabase>;
      const party = (code: string, revoked: number | null = null) => ({
        code,
        role: /^\d+$/.test(code) ? 'school' : 'agency',
        name: code,
        registered_at: code === '999999' ? null : T0,
        revoked_at: revoked,
      });
      await db
        .insertInto('participants')
        .values([
          party('123456'),
          party('654321'),
          party('EDB'),
          party('HKEAA'),
          party('SFO', T0),
          party('999999'),
        ])
        .execute();
      relay = createRelayStore(db);
    });

    it('knows which parties are registered and not revoked', async () => {
      expect([...(await relay.activeParticipants(['EDB', 'SFO', '999999', 'TRY', 'EDB']))]).toEqual(['EDB']);
    });

    it('stores a message once with one delivery per recipient; a repeat returns the stored one', async () => {
      const first = message('m1');
      expect(await relay.accept(first, ['EDB', 'HKEAA'])).toEqual({ created: true, message: first });
      const again = await relay.accept(message('m1', { acceptedAt: T0 + 5, acceptanceReceipt: 'other' }), [
        'EDB',
      ]);
      expect(again).toEqual({ created: false, message: first });
      expect(await relay.message('m1')).toEqual(first);
      expect(await relay.message('m2')).toBeNull();
      expect(await relay.delivery('m1', 'HKEAA')).toEqual({
        messageId: 'm1',
        recipient: 'HKEAA',
        state: 'PENDING',
        settledAt: null,
      });
      expect(await relay.delivery('m1', '654321')).toBeNull();
    });

    // One store, as in the hub: on PostgreSQL its pool runs these on separate connections at once; on
    // SQLite its single connection serialises them, as the hub's does (one process per data directory).
    it('lets exactly one of concurrent identical uploads store the message', async () => {
      const results = await Promise.all(
        ['first', 'second', 'third'].map((name) =>
          relay.accept(message('m1', { acceptanceReceipt: name }), ['EDB', 'HKEAA']),
        ),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.message.acceptanceReceipt)).size).toBe(1);
      const rows = await db.selectFrom('deliveries').selectAll().execute();
      expect(rows).toHaveLength(2);
    });

    it('pages a mailbox oldest first, for its recipient only, and drops settled deliveries', async () => {
      await relay.accept(message('m2', { acceptedAt: T0 + 1 }), ['EDB']);
      await relay.accept(message('m1', { acceptedAt: T0 + 1 }), ['EDB', 'HKEAA']);
      await relay.accept(message('m0', { acceptedAt: T0 }), ['EDB']);
      await relay.accept(message('m3', { acceptedAt: T0 + 2 }), ['HKEAA']);
      const first = await relay.mailbox('EDB', null, 2);
      expect(first.items.map((item) => item.messageId)).toEqual(['m0', 'm1']);
      expect(first.more).toBe(true);
      const second = await relay.mailbox('EDB', first.cursor, 2);
      expect(second.items.map((item) => item.messageId)).toEqual(['m2']);
      expect(second.more).toBe(false);
      const empty = await relay.mailbox('EDB', second.cursor, 2);
      expect(empty).toEqual({ items: [], cursor: second.cursor, more: false });

      await relay.settle({ receipt: receipt('m1', 'EDB', T0 + 9), state: 'ACKNOWLEDGED' });
      expect((await relay.mailbox('EDB', null, 10)).items.map((item) => item.messageId)).toEqual([
        'm0',
        'm2',
      ]);
      expect((await relay.mailbox('HKEAA', null, 10)).items.map((item) => item.messageId)).toEqual([
        'm1',
        'm3',
      ]);
      await expect(relay.mailbox('EDB', 'bm9wZQ', 2)).rejects.toMatchObject({
        code: 'usage.invalid_argument',
      });
    });

    it('settles a delivery once, queues its receipt for the sender and refuses the other outcome', async () => {
      await relay.accept(message('m1'), ['EDB', 'HKEAA']);
      const ack = await relay.settle({ receipt: receipt('m1', 'EDB', T0 + 10), state: 'ACKNOWLEDGED' });
      expect(ack).toEqual({
        changed: true,
        delivery: { messageId: 'm1', recipient: 'EDB', state: 'ACKNOWLEDGED', settledAt: T0 + 10 },
      });
      const repeat = await relay.settle({ receipt: receipt('m1', 'EDB', T0 + 20), state: 'ACKNOWLEDGED' });
      expect(repeat).toEqual({ changed: false, delivery: ack.delivery });
      await expect(
        relay.settle({ receipt: receipt('m1', 'EDB', T0 + 30, 'refusal'), state: 'REFUSED' }),
      ).rejects.toMatchObject({ code: 'relay.delivery_settled', details: { state: 'ACKNOWLEDGED' } });
      await relay.settle({ receipt: receipt('m1', 'HKEAA', T0 + 40, 'refusal'), state: 'REFUSED' });

      const feed = await relay.receiptsFor('123456', null, 1);
      expect(feed.items).toEqual([receipt('m1', 'EDB', T0 + 10)]);
      expect(feed.more).toBe(true);
      const rest = await relay.receiptsFor('123456', feed.cursor, 10);
      expect(rest.items).toEqual([receipt('m1', 'HKEAA', T0 + 40, 'refusal')]);
      expect(await relay.receiptsFor('123456', rest.cursor, 10)).toEqual({
        items: [],
        cursor: rest.cursor,
        more: false,
      });
      expect((await relay.receiptsFor('654321', null, 10)).items).toEqual([]);
      await expect(
        relay.receiptsFor('123456', feed.cursor?.replace(/./, 'x') ?? '', 1),
      ).rejects.toMatchObject({
        code: 'usage.invalid_argument',
      });
    });

    it('numbers receipts settled concurrently without gaps or failures', async () => {
      const recipients = ['EDB', 'HKEAA', '654321'];
      for (const id of ['m1', 'm2', 'm3']) await relay.accept(message(id), recipients);
      const work = ['m1', 'm2', 'm3'].flatMap((id) =>
        recipients.map((party) =>
          relay.settle({ receipt: receipt(id, party, T0 + 1), state: 'ACKNOWLEDGED' }),
        ),
      );
      expect((await Promise.all(work)).every((result) => result.changed)).toBe(true);
      const seqs = await db.selectFrom('receipts').select('seq').orderBy('seq').execute();
      expect(seqs.map((row) => Number(row.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect((await relay.receiptsFor('123456', null, 100)).items).toHaveLength(9);
    });
  });
}
