import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeAppFixture, type NodeAppFixture } from '../testing/node-app.js';
import { createOutgoingMessage } from '../use-cases/create-outgoing-message.js';

let fx: NodeAppFixture;
const as: Record<string, { cookie: string; origin: string }> = {};

async function addReady(description: string) {
  await createOutgoingMessage(fx.services, {
    to: ['EDB'],
    subject: 'STU',
    type: 'SUB',
    description,
    owner: 'staff',
    attachments: [
      { displayName: 'a.csv', mediaType: 'text/csv', open: () => Readable.from([Buffer.from('x\n')]) },
    ],
  });
}

beforeAll(async () => {
  fx = await nodeAppFixture();
  await fx.addUser('head', ['SCHOOL_HEAD']);
  await fx.addUser('staff', ['STAFF']);
  await fx.addUser('admin', ['CDS_ADMIN']);
  for (const user of ['head', 'staff', 'admin']) as[user] = await fx.login(user);
  await addReady('Form A');
  await addReady('Attendance');
});
afterAll(() => fx?.close());

const get = (user: string, url: string) => fx.app.inject({ url, headers: as[user] });
const send = (user: string, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  fx.app.inject({ method, url, headers: as[user], ...(payload ? { payload } : {}) });

interface NoticesBody {
  notices: { id: string; kind: string; dismissible: boolean; value: number | null; title?: string }[];
  alerts: { kind: string; value: number | null; link: string }[];
}
const notices = async (user: string) => (await get(user, '/api/notices')).json<NoticesBody>();

describe('GET /api/notices (SPEC §6)', () => {
  it('lists the conditions that hold for the default audience, most urgent first', async () => {
    const body = await notices('head');
    expect(body.notices.map((n) => [n.id, n.dismissible, n.value])).toEqual([
      ['not_registered:node', false, null],
      ['ready:count', true, 2],
    ]);
    expect(body.alerts).toEqual([
      { kind: 'not_registered', value: null, link: '/registration' },
      { kind: 'ready', value: 2, link: '/outgoing/process' },
    ]);
  });

  it('shows staff no notices and no alerts it has no right to', async () => {
    expect(await notices('staff')).toEqual({ notices: [], alerts: [] });
  });

  it('refuses a visitor without a session', async () => {
    expect((await fx.app.inject({ url: '/api/notices' })).statusCode).toBe(401);
  });
});

describe('POST /api/notices/dismissals', () => {
  it('dismisses one occurrence per user; it returns when the count rises', async () => {
    expect((await send('head', 'POST', '/api/notices/dismissals', { id: 'ready:count' })).statusCode).toBe(
      204,
    );
    expect((await notices('head')).notices.map((n) => n.id)).toEqual(['not_registered:node']);
    // Still in the header: dismissing hides the dialog entry, not the alert icon.
    expect((await notices('head')).alerts.map((a) => a.kind)).toContain('ready');
    await addReady('Survey');
    expect((await notices('head')).notices.find((n) => n.id === 'ready:count')?.value).toBe(3);
  });

  it('refuses a kind SPEC §6 keeps on screen, and a notice the user is not shown', async () => {
    const locked = await send('head', 'POST', '/api/notices/dismissals', { id: 'not_registered:node' });
    expect([locked.statusCode, locked.json().error.code]).toEqual([409, 'notice.not_dismissible']);
    const unknown = await send('staff', 'POST', '/api/notices/dismissals', { id: 'ready:count' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'notice.not_found']);
    const bad = await send('head', 'POST', '/api/notices/dismissals', {});
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'validation.failed']);
    expect((await notices('head')).notices.map((n) => n.id)).toContain('not_registered:node');
  });
});

describe('維護通知', () => {
  const notice = {
    title: '系統維護 System maintenance',
    body: '本星期六 09:00-12:00 暫停服務。',
    validFrom: new Date(Date.now() - 3_600_000).toISOString(),
    validTo: new Date(Date.now() + 86_400_000).toISOString(),
    groups: ['STAFF'],
    dismissible: true,
  };

  it('an administrator writes one; it shows to its groups only, and can be dismissed', async () => {
    const created = await send('admin', 'POST', '/api/notices/maintenance', notice);
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const staff = await notices('staff');
    expect(staff.notices).toEqual([
      expect.objectContaining({ id: `maintenance:${id}`, kind: 'maintenance', title: notice.title }),
    ]);
    expect((await notices('head')).notices.some((n) => n.kind === 'maintenance')).toBe(false);
    await send('staff', 'POST', '/api/notices/dismissals', { id: `maintenance:${id}` });
    expect((await notices('staff')).notices).toEqual([]);
    // An edit shows it again.
    const edited = await send('admin', 'PUT', `/api/notices/maintenance/${id}`, {
      ...notice,
      body: 'Changed',
    });
    expect(edited.statusCode).toBe(200);
    expect((await notices('staff')).notices.map((n) => n.id)).toEqual([`maintenance:${id}`]);
    expect((await get('admin', '/api/notices/maintenance')).json<unknown[]>()).toHaveLength(1);
    expect((await send('admin', 'DELETE', `/api/notices/maintenance/${id}`)).statusCode).toBe(204);
    expect((await notices('staff')).notices).toEqual([]);
  });

  it('refuses bad input with a specific code and changes nothing', async () => {
    const cases: [object, number, string][] = [
      [{ ...notice, validTo: notice.validFrom }, 400, 'notice.invalid_period'],
      [{ ...notice, groups: ['HUB_OPERATOR'] }, 400, 'notice.unknown_group'],
      [{ ...notice, groups: [] }, 400, 'notice.no_audience'],
      [{ ...notice, title: '' }, 400, 'validation.failed'],
      [{ ...notice, validFrom: 'tomorrow' }, 400, 'validation.failed'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await send('admin', 'POST', '/api/notices/maintenance', payload);
      expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
    }
    const missing = await send('admin', 'DELETE', '/api/notices/maintenance/nope');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'notice.maintenance_not_found']);
    expect((await get('admin', '/api/notices/maintenance')).json<unknown[]>()).toEqual([]);
  });

  it('refuses users without cds.notification.maintain', async () => {
    const response = await send('head', 'POST', '/api/notices/maintenance', notice);
    expect([response.statusCode, response.json().error.code]).toEqual([403, 'auth.forbidden']);
  });

  it('the per-kind audience: adding STAFF to READY shows it to staff; never-dismissible kinds stay so', async () => {
    const { config } = (await get('admin', '/api/notices/config')).json<{
      config: Record<string, { groups: string[]; dismissible: boolean }>;
    }>();
    const wider = { ...config, ready: { groups: ['STAFF', 'SCHOOL_HEAD'], dismissible: false } };
    expect((await send('admin', 'PUT', '/api/notices/config', wider)).statusCode).toBe(200);
    const staff = await notices('staff');
    expect(staff.notices.map((n) => [n.id, n.dismissible])).toEqual([['ready:count', false]]);
    expect(staff.alerts).toEqual([]); // no right to process, so no header icon
    const refused = await send('admin', 'PUT', '/api/notices/config', {
      ...config,
      send_fail: { groups: ['STAFF'], dismissible: true },
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([400, 'notice.kind_not_dismissible']);
    const incomplete = await send('admin', 'PUT', '/api/notices/config', { ready: config['ready'] });
    expect(incomplete.json().error.code).toBe('validation.failed');
  });
});
