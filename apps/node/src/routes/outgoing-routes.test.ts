import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initKeyring } from '@cds/keys';
import { nodeAppFixture, type NodeAppFixture } from '../testing/node-app.js';

// The keyring's scrypt cost is a test hook (SPEC §11).
process.env['CDS_TEST_HOOKS'] = '1';
process.env['CDS_TEST_SCRYPT_LOGN'] = '10';
const SCHOOL_KEY = 'Route-Test-School-Key-2026';

type Headers = { cookie: string; origin: string };
let fx: NodeAppFixture;
let staff: Headers;
let head: Headers;
let other: Headers;

beforeAll(async () => {
  fx = await nodeAppFixture();
  await fx.addUser('staff', ['STAFF']);
  await fx.addUser('other', ['STAFF']);
  await fx.addUser('head', ['SCHOOL_HEAD']);
  await initKeyring(fx.services.keys, Buffer.from(SCHOOL_KEY), 'test');
  [staff, head, other] = [await fx.login('staff'), await fx.login('head'), await fx.login('other')];
});
afterAll(() => fx?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, headers: Headers, payload?: object) =>
  fx.app.inject({
    method,
    url,
    headers: { ...headers, 'accept-language': 'en' },
    ...(payload ? { payload } : {}),
  });

const fields = (description: string) => ({ to: ['EDB'], subject: 'STU', type: 'SUB', description });

async function create(as: Headers, description: string): Promise<{ id: string; version: number }> {
  const created = await call('POST', '/api/messages/outgoing', as, fields(description));
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

async function upload(as: Headers, id: string, version: number, name: string, body: string) {
  return fx.app.inject({
    method: 'POST',
    url: `/api/messages/outgoing/${id}/attachments?version=${version}&name=${encodeURIComponent(name)}&type=text%2Fcsv`,
    headers: { ...as, 'content-type': 'application/octet-stream' },
    payload: Buffer.from(body),
  });
}

const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

describe('寄發訊息 routes', () => {
  it('adds a READY message, streams an attachment in, lists it to its owner only', async () => {
    const mine = await create(staff, 'Form A 學生離校');
    const uploaded = await upload(staff, mine.id, mine.version, '表格A.csv', 'student,date\nS1,2026-07-15\n');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const shown = (await call('GET', `/api/messages/outgoing/${mine.id}`, staff)).json();
    expect(shown).toMatchObject({ status: 'READY', owner: 'staff', version: 2 });
    expect(shown.attachments).toEqual([
      expect.objectContaining({ ordinal: 1, displayName: '表格A.csv', size: 27 }),
    ]);

    const theirs = await create(other, 'not for staff');
    const staffList = (await call('GET', '/api/messages/outgoing?limit=10', staff)).json();
    expect(ids(staffList)).toContain(mine.id);
    expect(ids(staffList)).not.toContain(theirs.id);
    expect(ids((await call('GET', '/api/messages/outgoing', head)).json())).toEqual(
      expect.arrayContaining([mine.id, theirs.id]),
    );
    const forbidden = await call('GET', `/api/messages/outgoing/${theirs.id}`, staff);
    expect([forbidden.statusCode, forbidden.json().error.code]).toEqual([403, 'auth.forbidden']);
  });

  it('pages by keyset and filters by status, subject and day on the server', async () => {
    for (let i = 0; i < 3; i++) await create(other, `page ${i}`);
    const first = (await call('GET', '/api/messages/outgoing?limit=2', other)).json();
    expect(first.items).toHaveLength(2);
    const second = (await call('GET', `/api/messages/outgoing?limit=2&after=${first.next}`, other)).json();
    expect(ids(second).some((id: string) => ids(first).includes(id))).toBe(false);
    expect((await call('GET', '/api/messages/outgoing?subject=ATT', other)).json().items).toEqual([]);
    expect((await call('GET', '/api/messages/outgoing?status=SENT', other)).json().items).toEqual([]);
    const bad = await call('GET', '/api/messages/outgoing?from=2026-13-40', other);
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'validation.failed']);
  });

  it('refuses bad input with a clear code and stores nothing', async () => {
    const before = (await call('GET', '/api/messages/outgoing', staff)).json().items.length;
    for (const body of [
      { ...fields('x'), to: [] },
      { ...fields('x'), subject: 'NOPE' },
      { ...fields('two\nlines') },
      { ...fields('x'), to: ['123456'] },
    ]) {
      const refused = await call('POST', '/api/messages/outgoing', staff, body);
      expect(refused.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(refused.statusCode).toBeLessThan(500);
    }
    expect((await call('GET', '/api/messages/outgoing', staff)).json().items.length).toBe(before);
    const message = await create(staff, 'attachments');
    const notOctet = await call(
      'POST',
      `/api/messages/outgoing/${message.id}/attachments?version=1&name=a.csv`,
      staff,
      {},
    );
    expect(notOctet.json().error.code).toBe('validation.failed');
    const badName = await upload(staff, message.id, message.version, '../etc/passwd', 'x');
    expect(badName.statusCode).toBe(400);
  });

  it('modifies a READY message under its version, removes an attachment, refuses a stale edit', async () => {
    const message = await create(staff, 'to modify');
    const added = (await upload(staff, message.id, 1, 'a.csv', '1,2')).json();
    const removed = await call(
      'DELETE',
      `/api/messages/outgoing/${message.id}/attachments/1?version=${added.version}`,
      staff,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    const modified = await call('PUT', `/api/messages/outgoing/${message.id}`, staff, {
      ...fields('modified 已修改'),
      priority: 'URGENT',
      version: removed.json().version,
    });
    expect(modified.json()).toMatchObject({ description: 'modified 已修改', priority: 'URGENT' });
    const stale = await call('PUT', `/api/messages/outgoing/${message.id}`, staff, {
      ...fields('stale'),
      version: 1,
    });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'message.concurrent_update']);
    const byOther = await call('PUT', `/api/messages/outgoing/${message.id}`, other, {
      ...fields('no'),
      version: 4,
    });
    expect(byOther.json().error.code).toBe('auth.forbidden');
  });

  it('處理訊息: the key holder seals with one School Key entry or rejects with a reason; staff cannot', async () => {
    const message = await create(staff, 'to seal');
    const denied = await call('POST', '/api/messages/outgoing/seal', staff, {
      ids: [message.id],
      schoolKey: SCHOOL_KEY,
    });
    expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'auth.forbidden']);
    const wrong = await call('POST', '/api/messages/outgoing/seal', head, {
      ids: [message.id],
      schoolKey: 'Wrong-Key-2026-abc',
    });
    expect(wrong.json().error.code).toBe('key.wrong_school_key');
    // The right key opens the keyring; this node knows no key for EDB (no hub), so that message
    // is reported with the reason and stays READY.
    const sealed = await call('POST', '/api/messages/outgoing/seal', head, {
      ids: [message.id],
      schoolKey: SCHOOL_KEY,
    });
    expect(sealed.statusCode).toBe(200);
    expect(sealed.json().outcomes).toEqual([
      expect.objectContaining({
        id: message.id,
        ok: false,
        error: expect.objectContaining({ message: expect.any(String) }),
      }),
    ]);

    const noReason = await call('POST', `/api/messages/outgoing/${message.id}/reject`, head, { reason: ' ' });
    expect(noReason.json().error.code).toBe('validation.failed');
    const rejected = await call('POST', `/api/messages/outgoing/${message.id}/reject`, head, {
      reason: '附件錯誤',
    });
    expect(rejected.json()).toMatchObject({ status: 'REJECTED', lastError: '附件錯誤' });
    expect((await call('GET', `/api/messages/outgoing/${message.id}`, staff)).json().lastError).toBe(
      '附件錯誤',
    );
    const again = await call('POST', `/api/messages/outgoing/${message.id}/reject`, head, {
      reason: 'again',
    });
    expect(again.json().error.code).toBe('message.invalid_transition');
  });

  it('deletes and archives a selection message by message, as owner rules and the machine allow', async () => {
    const mine = await create(staff, 'delete me');
    const theirs = await create(other, 'not yours');
    const deleted = (
      await call('POST', '/api/messages/outgoing/delete', staff, { ids: [mine.id, theirs.id] })
    ).json();
    expect(deleted.outcomes).toEqual([
      expect.objectContaining({ id: mine.id, ok: true }),
      expect.objectContaining({
        id: theirs.id,
        ok: false,
        error: expect.objectContaining({ code: 'auth.forbidden' }),
      }),
    ]);
    const ready = await create(staff, 'archive me');
    const refused = (
      await call('POST', '/api/messages/outgoing/archive', staff, { ids: [ready.id], archived: true })
    ).json();
    expect(refused.outcomes[0].error.code).toBe('message.invalid_transition');
    await call('POST', `/api/messages/outgoing/${ready.id}/reject`, head, { reason: 'not needed' });
    const archived = (
      await call('POST', '/api/messages/outgoing/archive', staff, { ids: [ready.id], archived: true })
    ).json();
    expect(archived.outcomes[0]).toMatchObject({ ok: true, status: 'REJECTED' });
    expect(ids((await call('GET', '/api/messages/outgoing?archived=true', staff)).json())).toEqual([
      ready.id,
    ]);
    const empty = await call('POST', '/api/messages/outgoing/archive', staff, { ids: [], archived: true });
    expect(empty.statusCode).toBe(400);
  });

  it('匯出訊息 lists SEND_FAIL messages to the key holder only; resend refuses a READY message', async () => {
    const message = await create(staff, 'failed to send');
    const stored = await fx.services.repos.outgoing.get(message.id);
    await fx.services.repos.outgoing.update(message.id, stored!.version, { status: 'SEND_FAIL' });
    const listed = (await call('GET', '/api/exports', head)).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ id: message.id, status: 'SEND_FAIL', exports: [] }),
    ]);
    expect((await call('GET', '/api/exports', staff)).statusCode).toBe(403);
    const ready = await create(staff, 'ready');
    const resend = (await call('POST', '/api/messages/outgoing/resend', head, { ids: [ready.id] })).json();
    expect(resend.outcomes[0].error.code).toBe('message.invalid_transition');
  });
});
