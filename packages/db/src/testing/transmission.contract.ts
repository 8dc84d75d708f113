import { describe, expect, it } from 'vitest';
import type { OutgoingReceipt } from '@cds/domain';
import type { TestDatabases } from './databases.js';
import { incomingMessage, outgoingMessage, T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

const BLOB = 'b'.repeat(64);

export function transmissionContract(databases: TestDatabases): void {
  describe('transmission records', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('keep a sealed envelope and its acceptance receipt on the outgoing row', async () => {
      const { outgoing } = fx().repos;
      const m = outgoingMessage();
      await outgoing.insert(m, []);
      const sealed = {
        status: 'PROCESSING' as const,
        headerJws: 'h.e.s',
        payloadBlob: BLOB,
        payloadSha256: BLOB,
        payloadSize: 5_000_000_000,
        recipientKids: { EDB: '0123456789abcdef' },
        sealedAt: T0 + 1,
      };
      await outgoing.update(m.id, 1, sealed);
      await outgoing.update(m.id, 2, { status: 'SENT', acceptanceReceipt: 'r.e.c', sentAt: T0 + 2 });
      expect(await outgoing.get(m.id)).toEqual({
        ...m,
        ...sealed,
        status: 'SENT',
        acceptanceReceipt: 'r.e.c',
        sentAt: T0 + 2,
        version: 3,
      });
    });

    it('keep the first receipt per recipient and drop them with the message', async () => {
      const { outgoing, outgoingReceipts } = fx().repos;
      const m = outgoingMessage({ to: ['EDB', 'HKEAA'], status: 'SEND_FAIL' });
      await outgoing.insert(m, []);
      const delivery: OutgoingReceipt = {
        messageId: m.id,
        recipient: 'EDB',
        kind: 'delivery',
        jws: 'a.b.c',
        signerKid: 't-1',
        reason: null,
        at: T0,
        storedAt: T0 + 1,
      };
      const refusal: OutgoingReceipt = {
        ...delivery,
        recipient: 'HKEAA',
        kind: 'refusal',
        reason: 'envelope.payload_hash_mismatch',
      };
      expect(await outgoingReceipts.record(delivery)).toBe(true);
      expect(await outgoingReceipts.record({ ...delivery, jws: 'x.y.z' })).toBe(false);
      expect(await outgoingReceipts.record(refusal)).toBe(true);
      expect(await outgoingReceipts.forMessage(m.id)).toEqual([delivery, refusal]);
      await outgoing.delete(m.id, {
        box: 'outgoing',
        party: '123456',
        messageId: m.id,
        deletedAt: T0,
        deletedBy: 'staff',
      });
      expect(await outgoingReceipts.forMessage(m.id)).toEqual([]);
    });

    it('write the decrypted status and the attachments together, or neither', async () => {
      const { incoming } = fx().repos;
      const m = incomingMessage({ headerJws: 'h.e.s', deliveryReceipt: 'd.r.j', payloadSize: 10 });
      await incoming.insertIfNew(m, BLOB);
      const attachment = {
        messageId: m.id,
        ordinal: 1,
        displayName: '學生名單.csv',
        mediaType: 'text/csv',
        size: 3,
        sha256: 'c'.repeat(64),
        blob: 'c'.repeat(64),
      };
      await expect(
        incoming.updateWithAttachments(m.id, 7, { status: 'DECRYPTED' }, [attachment]),
      ).rejects.toMatchObject({ code: 'message.concurrent_update' });
      expect(await incoming.attachments(m.id)).toEqual([]);
      const updated = await incoming.updateWithAttachments(m.id, 1, { status: 'DECRYPTED' }, [attachment]);
      expect(updated).toEqual({ ...m, status: 'DECRYPTED', version: 2 });
      expect(await incoming.attachments(m.id)).toEqual([attachment]);
      await incoming.delete(m.id, {
        box: 'incoming',
        party: m.from,
        messageId: m.id,
        deletedAt: T0,
        deletedBy: 'head',
      });
      expect(await incoming.attachments(m.id)).toEqual([]);
    });

    it('remember a refused delivery once and when the hub took the refusal', async () => {
      const { refusedDeliveries } = fx().repos;
      const refusal = {
        messageId: '01920000-0000-7000-8000-000000000001',
        from: '123456',
        reason: 'envelope.header_signature_invalid',
        receipt: 'r.e.f',
        refusedAt: T0,
        settledAt: null,
      };
      expect(await refusedDeliveries.record(refusal)).toEqual(refusal);
      expect(await refusedDeliveries.record({ ...refusal, reason: 'other', refusedAt: T0 + 9 })).toEqual(
        refusal,
      );
      await refusedDeliveries.markSettled(refusal.messageId, T0 + 5);
      await refusedDeliveries.markSettled(refusal.messageId, T0 + 6);
      expect(await refusedDeliveries.get(refusal.messageId)).toEqual({ ...refusal, settledAt: T0 + 5 });
      expect(await refusedDeliveries.get('missing')).toBeNull();
    });
  });
}
