import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage, OutgoingStatus } from '@cds/domain';
import { initNode } from '../init-node.js';
import { openNodeServices, type NodeServices } from '../node-services.js';
import { archiveMessages } from './archive-messages.js';
import { createOutgoingMessage } from './create-outgoing-message.js';
import { deleteMessages } from './delete-messages.js';
import { listMessages } from './list-messages.js';
import { rejectOutgoingMessage } from './reject-outgoing-message.js';
import { writeMessagePayload } from './write-message-payload.js';

let root: string;
let school: NodeServices;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cds-message-actions-'));
  await initNode({
    dataDir: join(root, '123456'),
    party: '123456',
    nodeRole: 'school',
    hubUrls: ['http://127.0.0.1:1'],
  });
  school = await openNodeServices(join(root, '123456'));
});
afterAll(async () => {
  await school?.close();
  await rm(root, { recursive: true, force: true });
});

/** A READY message, moved to `status` the way the cycle would have left it. */
async function outgoing(status: OutgoingStatus = 'READY', payload?: Buffer) {
  const created = await createOutgoingMessage(school, {
    to: ['EDB'],
    subject: 'STU',
    type: 'SUB',
    description: `a ${status} message`,
    owner: 'staff',
    attachments: [
      { displayName: 'a.csv', mediaType: 'text/csv', open: () => Readable.from([Buffer.from('1,2')]) },
    ],
  });
  if (status === 'READY' && !payload) return created;
  const sealed = payload ? await school.blobs.put(Readable.from([payload])) : null;
  return school.repos.outgoing.update(created.id, created.version, {
    status,
    ...(sealed ? { payloadBlob: sealed.sha256, payloadSha256: sealed.sha256, payloadSize: sealed.size } : {}),
  });
}

async function incoming(payload: Buffer): Promise<IncomingMessage> {
  const blob = await school.blobs.put(Readable.from([payload]));
  const message: IncomingMessage = {
    id: randomUUID(),
    subject: 'TSA',
    type: 'PAR',
    priority: 'NORMAL',
    encryptionLevel: 'RESTRICTED',
    description: 'TSA parameter file',
    schoolReference: null,
    replyDeadline: null,
    replyToId: null,
    from: 'EDB',
    status: 'ENCRYPTED',
    receivedAt: Date.now(),
    updatedAt: Date.now(),
    read: false,
    decryptedBy: null,
    decryptedAt: null,
    importedBy: null,
    importedAt: null,
    importResult: null,
    businessState: null,
    lastError: null,
    archived: false,
    version: 1,
    headerJws: null,
    payloadSha256: blob.sha256,
    payloadSize: blob.size,
    deliveryReceipt: null,
    acknowledgedAt: null,
  };
  expect(await school.repos.incoming.insertIfNew(message, blob.sha256)).toBe(true);
  return message;
}

describe('處理訊息 → 拒絕 (reject a READY message)', () => {
  it('moves a READY message to REJECTED and keeps the reason for its owner', async () => {
    const message = await outgoing();
    const rejected = await rejectOutgoingMessage(school, {
      id: message.id.toUpperCase(),
      reason: ' 資料不完整 ',
      actor: 'head',
    });
    expect(rejected).toMatchObject({ status: 'REJECTED', lastError: '資料不完整' });
  });

  it.each([
    ['a message already sealed', 'PROCESSING', 'x', 'message.invalid_transition'],
    ['a message already sent', 'SENT', 'x', 'message.invalid_transition'],
    ['an empty reason', 'READY', '  ', 'validation.failed'],
    ['a reason on two lines', 'READY', 'a\nb', 'validation.failed'],
  ] as const)('refuses %s and changes nothing', async (_label, status, reason, code) => {
    const message = await outgoing(status);
    await expect(
      rejectOutgoingMessage(school, { id: message.id, reason, actor: 'head' }),
    ).rejects.toMatchObject({ code });
    expect(await school.repos.outgoing.get(message.id)).toEqual(message);
  });
});

describe('刪除 (delete) from either box', () => {
  it('deletes what the machines allow, leaves tombstones and audit events, and reports the rest', async () => {
    const ready = await outgoing();
    const sent = await outgoing('SENT');
    const received = await incoming(Buffer.from('age payload'));
    const unknown = randomUUID();
    const outcomes = await deleteMessages(school, {
      ids: [ready.id, sent.id, received.id, unknown],
      actor: 'head',
    });
    expect(outcomes.map((o) => (o.ok ? [o.id, o.box] : [o.id, o.error.code]))).toEqual([
      [ready.id, 'outgoing'],
      [sent.id, 'message.invalid_transition'],
      [received.id, 'incoming'],
      [unknown, 'message.not_found'],
    ]);
    expect(await school.repos.outgoing.get(ready.id)).toBeNull();
    expect(await school.repos.outgoing.attachments(ready.id)).toEqual([]);
    expect(await school.repos.outgoing.get(sent.id)).toEqual(sent);
    expect(await school.repos.tombstones.has('outgoing', '123456', ready.id)).toBe(true);
    // The tombstone of (sender, id): the same download arriving again is not stored.
    expect(await school.repos.tombstones.has('incoming', 'EDB', received.id)).toBe(true);
    expect(await school.repos.incoming.insertIfNew(received, received.payloadSha256 ?? '')).toBe(false);
    const audit = await school.repos.securityEvents.list({ kind: 'message.deleted' });
    expect(audit.map((event) => [event.detail['messageId'], event.actor])).toEqual(
      expect.arrayContaining([
        [ready.id, 'head'],
        [received.id, 'head'],
      ]),
    );
  });
});

describe('庫存 / 取消庫存 (archive and un-archive)', () => {
  it('moves the archived flag of sent and received messages, never of a READY one', async () => {
    const sent = await outgoing('RECEIVED');
    const ready = await outgoing();
    const received = await incoming(Buffer.from('x'));
    const archived = await archiveMessages(school, { ids: [sent.id, ready.id, received.id], archived: true });
    expect(archived.map((o) => (o.ok ? o.message.archived : o.error.code))).toEqual([
      true,
      'message.invalid_transition',
      true,
    ]);
    expect((await school.repos.outgoing.get(sent.id))?.status).toBe('RECEIVED');
    expect((await school.repos.outgoing.get(ready.id))?.archived).toBe(false);
    const archivedIds = (await listMessages(school, { box: 'outgoing', archived: true })).map((m) => m.id);
    expect(archivedIds).toContain(sent.id);

    const restored = await archiveMessages(school, { ids: [sent.id, received.id], archived: false });
    expect(restored.every((o) => o.ok && !o.message.archived)).toBe(true);
    expect((await school.repos.incoming.get(received.id))?.archived).toBe(false);
  });
});

describe('the sealed payload as a file', () => {
  it('writes the payload of a sealed outgoing or a downloaded incoming message, never over a file', async () => {
    const bytes = Buffer.from('age-encryption.org/v1\n-> X25519 …');
    const sealed = await outgoing('SENT', bytes);
    const out = join(root, 'payload.age');
    const written = await writeMessagePayload(school, { id: sealed.id, out });
    expect(written).toMatchObject({ box: 'outgoing', path: out, size: bytes.length });
    expect(await readFile(out)).toEqual(bytes);
    await expect(writeMessagePayload(school, { id: sealed.id, out })).rejects.toMatchObject({
      code: 'message.file_exists',
    });

    const downloaded = await incoming(Buffer.from('incoming payload'));
    const inOut = join(root, 'incoming.age');
    expect(await writeMessagePayload(school, { id: downloaded.id, out: inOut })).toMatchObject({
      box: 'incoming',
    });
    expect((await readFile(inOut)).toString()).toBe('incoming payload');
  });

  it('refuses a message that is not sealed yet, or unknown, and writes nothing', async () => {
    const ready = await outgoing();
    const out = join(root, 'none.age');
    await expect(writeMessagePayload(school, { id: ready.id, out })).rejects.toMatchObject({
      code: 'message.not_sealed',
    });
    await expect(writeMessagePayload(school, { id: randomUUID(), out })).rejects.toMatchObject({
      code: 'message.not_found',
    });
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
