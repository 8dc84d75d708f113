/**
 * 接收訊息 routes in-process over a real SQLite node: list (filters, unread count, keyset pages),
 * one message, attachments by encryption level, read, archive, delete, reply, decrypt's refusals.
 * Decrypting a real sealed message over HTTP is in apps/cli/src/incoming-web.test.ts (it needs a hub).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage, IncomingStatus } from '@cds/domain';
import { initKeyring } from '@cds/keys';
import { nodeAppFixture, type NodeAppFixture } from '../testing/node-app.js';
import { createOutgoingMessage } from '../use-cases/create-outgoing-message.js';

process.env['CDS_TEST_HOOKS'] = '1';
process.env['CDS_TEST_SCRYPT_LOGN'] = '10';

const SCHOOL_KEY = 'Route-Test-School-Key-2026';
let fx: NodeAppFixture;
const users: Record<string, { cookie: string; origin: string }> = {};

beforeAll(async () => {
  fx = await nodeAppFixture();
  await initKeyring(fx.services.keys, Buffer.from(SCHOOL_KEY), 'test');
  for (const [name, group] of [
    ['head', 'SCHOOL_HEAD'],
    ['sysadmin', 'SYSTEM_ADMIN'],
    ['staff', 'STAFF'],
  ] as const) {
    await fx.addUser(name, [group]);
    users[name] = await fx.login(name);
  }
});
afterAll(() => fx?.close());

let received = Date.UTC(2026, 7, 1, 2, 0);

/** An incoming message as a download leaves it; DECRYPTED ones get one attachment with `content`. */
async function incoming(
  fields: Partial<IncomingMessage> & { status?: IncomingStatus } = {},
  content = 'student,mark\nS1,90\n',
): Promise<IncomingMessage> {
  const payload = await fx.services.blobs.put(Readable.from([Buffer.from(`sealed ${randomUUID()}`)]));
  received += 60_000;
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
    receivedAt: received,
    updatedAt: received,
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
    payloadSha256: payload.sha256,
    payloadSize: payload.size,
    deliveryReceipt: null,
    acknowledgedAt: null,
    ...fields,
    status: 'ENCRYPTED',
  };
  await fx.services.repos.incoming.insertIfNew(message, payload.sha256);
  if ((fields.status ?? 'ENCRYPTED') === 'ENCRYPTED') return message;
  const blob = await fx.services.blobs.put(Readable.from([Buffer.from(content)]));
  return fx.services.repos.incoming.updateWithAttachments(
    message.id,
    message.version,
    { status: fields.status, decryptedBy: 'web:head', decryptedAt: received },
    [
      {
        messageId: message.id,
        ordinal: 1,
        displayName: '參數 params.csv',
        mediaType: 'text/csv',
        size: blob.size,
        sha256: blob.sha256,
        blob: blob.sha256,
      },
    ],
  );
}

function call(user: string, method: 'GET' | 'POST', url: string, payload?: object, lang = 'zh-HK') {
  return fx.app.inject({
    method,
    url,
    headers: { ...users[user], 'accept-language': lang },
    ...(payload ? { payload } : {}),
  });
}

describe('GET /api/messages/incoming (接收訊息)', () => {
  it('lists newest first with the unread count, filters, and pages by cursor', async () => {
    const a = await incoming({ description: 'TSA 參數 A' });
    const b = await incoming({
      description: 'SPA 結果',
      subject: 'SPA',
      type: 'RES',
      from: 'HKEAA',
      read: true,
    });
    const c = await incoming({ description: 'TSA 參數 C', status: 'DECRYPTED' });
    const all = await call('staff', 'GET', '/api/messages/incoming?limit=2');
    expect(all.statusCode).toBe(200);
    const page1 = all.json<{ items: { id: string; read: boolean }[]; next: string; unread: number }>();
    expect(page1.items.map((m) => m.id)).toEqual([c.id, b.id]);
    expect(page1.unread).toBe(2);
    const page2 = (
      await call('staff', 'GET', `/api/messages/incoming?limit=2&after=${encodeURIComponent(page1.next)}`)
    ).json<{ items: { id: string }[] }>();
    expect(page2.items.map((m) => m.id)).toEqual([a.id]);

    const ids = async (query: string) =>
      (await call('staff', 'GET', `/api/messages/incoming?${query}`))
        .json<{ items: { id: string }[] }>()
        .items.map((m) => m.id);
    expect(await ids('party=hkeaa')).toEqual([b.id]);
    expect(await ids('subject=SPA&type=RES')).toEqual([b.id]);
    expect(await ids('status=ENCRYPTED')).toEqual([b.id, a.id]);
    expect(await ids('text=%E5%8F%83%E6%95%B8')).toEqual([c.id, a.id]); // 參數
    expect(await ids('from=2026-08-01&to=2026-08-01')).toEqual([c.id, b.id, a.id]);
    expect(await ids('from=2026-08-02')).toEqual([]);
  });

  it('refuses bad criteria with a specific reason, and the archive to those without cds.archive', async () => {
    for (const [query, code] of [
      ['status=LOST', 'code.unknown'],
      ['subject=ZZZ', 'code.unknown'],
      ['from=2026-13-45', 'validation.failed'],
      ['party=nobody!', 'validation.failed'],
      ['limit=0', 'validation.failed'],
      ['subject=%3Cx%3E', 'validation.failed'],
    ]) {
      const response = await call('staff', 'GET', `/api/messages/incoming?${query}`);
      expect([query, response.statusCode, response.json().error.code]).toEqual([query, 400, code]);
    }
    const archive = await call('staff', 'GET', '/api/messages/incoming?archived=true', undefined, 'en');
    expect(archive.statusCode).toBe(403);
    expect(archive.json().error).toMatchObject({ code: 'auth.forbidden', details: { right: 'cds.archive' } });
    expect((await call('sysadmin', 'GET', '/api/messages/incoming?archived=true')).statusCode).toBe(200);
  });
});

describe('GET /api/messages/incoming/:id and its attachments', () => {
  it('shows one message with the actions this user may take', async () => {
    const message = await incoming({ schoolReference: 'REF-1' });
    const response = await call('staff', 'GET', `/api/messages/incoming/${message.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: message.id,
      from: 'EDB',
      status: 'ENCRYPTED',
      schoolReference: 'REF-1',
      attachmentAccess: 'not_decrypted',
      importedFrom: null,
      actions: ['mark_read', 'mark_unread'],
    });
    const head = (await call('head', 'GET', `/api/messages/incoming/${message.id}`)).json<{
      actions: string[];
    }>();
    expect(head.actions).toEqual([
      'decrypt_ok',
      'decrypt_fail',
      'mark_read',
      'mark_unread',
      'archive',
      'unarchive',
      'delete',
    ]);
  });

  it('is not found for an outgoing id or an unknown one, and refuses a malformed id', async () => {
    const outgoing = await createOutgoingMessage(fx.services, {
      to: ['EDB'],
      subject: 'STU',
      type: 'SUB',
      description: 'Form A',
      owner: 'staff',
      attachments: [],
    });
    for (const id of [outgoing.id, randomUUID()]) {
      const response = await call('staff', 'GET', `/api/messages/incoming/${id}`);
      expect([response.statusCode, response.json().error.code]).toEqual([404, 'message.not_found']);
    }
    expect((await call('staff', 'GET', '/api/messages/incoming/not-an-id')).statusCode).toBe(400);
  });

  it('downloads an attachment of a decrypted message byte for byte', async () => {
    const message = await incoming({ status: 'DECRYPTED' }, 'a,b\n1,2\n');
    const response = await call('staff', 'GET', `/api/messages/incoming/${message.id}/attachments/1`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('a,b\n1,2\n');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="__ params.csv"; filename*=UTF-8''${encodeURIComponent('參數 params.csv')}`,
    );
  });

  it('keeps a CONFIDENTIAL message’s attachments from STAFF, and any attachment until decrypted', async () => {
    const secret = await incoming({ status: 'DECRYPTED', encryptionLevel: 'CONFIDENTIAL' });
    const refused = await call('staff', 'GET', `/api/messages/incoming/${secret.id}/attachments/1`);
    expect([refused.statusCode, refused.json().error.details]).toEqual([
      403,
      { right: 'cds.incoming.confidential' },
    ]);
    expect((await call('staff', 'GET', `/api/messages/incoming/${secret.id}`)).json()).toMatchObject({
      attachments: [],
      attachmentAccess: 'confidential',
    });
    expect((await call('head', 'GET', `/api/messages/incoming/${secret.id}/attachments/1`)).statusCode).toBe(
      200,
    );

    const sealed = await incoming();
    const early = await call('head', 'GET', `/api/messages/incoming/${sealed.id}/attachments/1`);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'message.not_decrypted']);
    const missing = await call('head', 'GET', `/api/messages/incoming/${secret.id}/attachments/7`);
    expect(missing.statusCode).toBe(404);
    expect((await call('head', 'GET', `/api/messages/incoming/${secret.id}/attachments/0`)).statusCode).toBe(
      400,
    );
  });
});

describe('read, archive, delete on a selection', () => {
  it('marks read and unread', async () => {
    const message = await incoming();
    const response = await call('staff', 'POST', '/api/messages/incoming/read', {
      ids: [message.id],
      read: true,
    });
    expect(response.json()).toEqual({ outcomes: [{ id: message.id, ok: true, status: 'ENCRYPTED' }] });
    expect((await fx.services.repos.incoming.get(message.id))?.read).toBe(true);
    await call('staff', 'POST', '/api/messages/incoming/read', { ids: [message.id], read: false });
    expect((await fx.services.repos.incoming.get(message.id))?.read).toBe(false);
    expect((await call('staff', 'POST', '/api/messages/incoming/read', { ids: [] })).statusCode).toBe(400);
  });

  it('archives and un-archives; the archived list has it, the inbox does not', async () => {
    const message = await incoming({ description: 'to be archived' });
    const archived = await call('sysadmin', 'POST', '/api/messages/incoming/archive', {
      ids: [message.id],
      archived: true,
    });
    expect(archived.json().outcomes).toEqual([{ id: message.id, ok: true, status: 'ENCRYPTED' }]);
    const list = (query: string) =>
      call('sysadmin', 'GET', `/api/messages/incoming?text=archived${query}`).then((r) =>
        r.json<{ items: { id: string }[] }>().items.map((m) => m.id),
      );
    expect(await list('')).toEqual([]);
    expect(await list('&archived=true')).toEqual([message.id]);
    await call('sysadmin', 'POST', '/api/messages/incoming/archive', { ids: [message.id], archived: false });
    expect(await list('')).toEqual([message.id]);
    expect(
      (await call('sysadmin', 'POST', '/api/messages/incoming/archive', { ids: [message.id] })).statusCode,
    ).toBe(400);
  });

  it('deletes incoming messages only, leaving a tombstone; an outgoing id is not found and stays', async () => {
    const message = await incoming();
    const outgoing = await createOutgoingMessage(fx.services, {
      to: ['EDB'],
      subject: 'STU',
      type: 'SUB',
      description: 'Form A kept',
      owner: 'staff',
      attachments: [],
    });
    const response = await call(
      'head',
      'POST',
      '/api/messages/incoming/delete',
      { ids: [message.id, outgoing.id] },
      'en',
    );
    expect(response.json().outcomes).toEqual([
      { id: message.id, ok: true, status: 'DELETED' },
      {
        id: outgoing.id,
        ok: false,
        error: {
          code: 'message.not_found',
          message: `Message ${outgoing.id} was not found.`,
          details: { id: outgoing.id },
        },
      },
    ]);
    expect(await fx.services.repos.incoming.get(message.id)).toBeNull();
    expect(await fx.services.repos.tombstones.has('incoming', 'EDB', message.id)).toBe(true);
    expect(await fx.services.repos.outgoing.get(outgoing.id)).not.toBeNull();
  });
});

describe('POST /api/messages/incoming/:id/reply (回覆)', () => {
  it('creates a READY reply to the sender with the subject and the reply-to id', async () => {
    const message = await incoming({
      status: 'DECRYPTED',
      subject: 'SPA',
      from: 'HKEAA',
      description: '派位結果',
    });
    const response = await call('staff', 'POST', `/api/messages/incoming/${message.id}/reply`, {});
    expect(response.statusCode).toBe(201);
    const { id } = response.json<{ id: string }>();
    expect(await fx.services.repos.outgoing.get(id)).toMatchObject({
      status: 'READY',
      to: ['HKEAA'],
      subject: 'SPA',
      type: 'RPL',
      description: 'RE: 派位結果',
      replyToId: message.id,
      owner: 'staff',
    });
  });

  it('refuses a reply before the message is decrypted, in the user’s language', async () => {
    const message = await incoming();
    const response = await call('staff', 'POST', `/api/messages/incoming/${message.id}/reply`, {});
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'message.invalid_transition' });
    expect(response.json().error.message).toContain('已加密');
  });
});

describe('POST /api/messages/incoming/decrypt (解密) refusals', () => {
  it('a wrong School Key is refused with a translated reason and changes no status', async () => {
    const message = await incoming();
    const response = await call('head', 'POST', '/api/messages/incoming/decrypt', {
      ids: [message.id],
      schoolKey: 'Not-The-School-Key-1',
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.json().error.code).toBe('key.wrong_school_key');
    expect(response.json().error.message).toMatch(/學校密碼匙/);
    expect(await fx.services.repos.incoming.get(message.id)).toEqual(message);
  });

  it('refuses bad input and STAFF (not a key holder)', async () => {
    const message = await incoming();
    expect(
      (await call('head', 'POST', '/api/messages/incoming/decrypt', { ids: [message.id] })).statusCode,
    ).toBe(400);
    expect(
      (await call('head', 'POST', '/api/messages/incoming/decrypt', { ids: ['x'], schoolKey: SCHOOL_KEY }))
        .statusCode,
    ).toBe(400);
    const staff = await call('staff', 'POST', '/api/messages/incoming/decrypt', {
      ids: [message.id],
      schoolKey: SCHOOL_KEY,
    });
    expect([staff.statusCode, staff.json().error.code]).toEqual([403, 'auth.forbidden']);
  });

  it('with the right School Key, a message whose payload is not a sealed envelope becomes 解密失敗 with the reason', async () => {
    const message = await incoming();
    const response = await call('head', 'POST', '/api/messages/incoming/decrypt', {
      ids: [message.id],
      schoolKey: SCHOOL_KEY,
    });
    expect(response.statusCode).toBe(200);
    const [outcome] = response.json<{ outcomes: { ok: boolean; error: { code: string } }[] }>().outcomes;
    expect(outcome?.ok).toBe(false);
    expect(outcome?.error.code).toMatch(/^envelope\./);
    expect((await fx.services.repos.incoming.get(message.id))?.status).toBe('DECRYPT_FAIL');
  });
});
