/**
 * Every route the node serves, against a literal route × group matrix transcribed from SPEC §7.
 * The routes are read from the running app (Fastify's route tree), so a route someone adds without
 * a line here fails, and each cell is exercised for real: a ✓ must get past authorisation, a · must
 * get 403 auth.forbidden, and nobody without a session gets anything but 401 (unless public).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '@cds/domain';
import { nodeAppFixture, type NodeAppFixture } from '../testing/node-app.js';

const GROUPS = ['CDS_ADMIN', 'SYSTEM_ADMIN', 'SCHOOL_HEAD', 'STAFF'] as const satisfies readonly Group[];

/**
 * Columns: CDS_ADMIN SYSTEM_ADMIN SCHOOL_HEAD STAFF (✓ allowed, · refused). `public` needs no login;
 * `session` is any logged-in user. HEAD routes mirror their GET and are not listed.
 */
const EXPECTED: Readonly<Record<string, string>> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /openapi.json': 'public',
  'GET /*': 'public', // the web app's files and its index.html
  'GET /api/info': 'public', // party code and role for the login page
  'GET /api/help/desk': 'public', // the CDS help desk number (設定) for the login page
  'POST /api/session': 'public', // 登入
  'GET /api/session': 'session',
  'DELETE /api/session': 'session', // 登出
  'PUT /api/session/password': 'session', // 更改密碼
  'PUT /api/session/lang': 'session',
  //                                    CDS_ADMIN SYSTEM_ADMIN SCHOOL_HEAD STAFF
  'GET /api/users': '                      ✓         ✓            ·         ·',
  'POST /api/users': '                     ✓         ✓            ·         ·',
  'PATCH /api/users/:username': '          ✓         ✓            ·         ·',
  'PUT /api/users/:username/password': '   ✓         ✓            ·         ·',
  'GET /api/groups': '                     ✓         ✓            ·         ·',
  'GET /api/messages/outgoing': '          ✓         ✓            ✓         ✓',
  'POST /api/messages/outgoing': '         ✓         ✓            ✓         ✓', // 新增訊息
  'GET /api/messages/outgoing/:id': '      ✓         ✓            ✓         ✓', // 檢視 (own or all)
  'PUT /api/messages/outgoing/:id': '      ✓         ✓            ✓         ✓', // 修改 (own or all)
  'POST /api/messages/outgoing/:id/attachments': '          ✓ ✓ ✓ ✓', // 上載資料
  'DELETE /api/messages/outgoing/:id/attachments/:ordinal': ' ✓ ✓ ✓ ✓',
  'POST /api/messages/outgoing/seal': '    ✓         ·            ✓         ·', // 處理訊息: 加密
  'POST /api/messages/outgoing/:id/reject': '✓       ·            ✓         ·', // 處理訊息: 拒絕
  'POST /api/messages/outgoing/resend': '  ✓         ·            ✓         ·', // 再傳送
  'POST /api/messages/outgoing/delete': '  ✓         ✓            ✓         ✓', // 刪除 (own or all)
  'POST /api/messages/outgoing/archive': ' ✓         ✓            ✓         ✓', // 庫存 / 取消庫存
  'GET /api/exports': '                    ✓         ·            ✓         ·', // 匯出訊息's list
  'POST /api/exports': '                   ✓         ·            ✓         ·', // 匯出訊息
  'POST /api/imports': '                   ✓         ·            ✓         ·', // 匯入訊息
  'GET /api/messages/incoming': '          ✓         ✓            ✓         ✓', // 接收訊息
  'GET /api/messages/incoming/:id': '      ✓         ✓            ✓         ✓',
  'GET /api/messages/incoming/:id/attachments/:ordinal': '✓ ✓ ✓ ✓', // + confidential right by level
  'POST /api/messages/incoming/read': '   ✓         ✓            ✓         ✓',
  'POST /api/messages/incoming/decrypt': '✓         ·            ✓         ·', // 解密 (key holder)
  'POST /api/messages/incoming/:id/reply': '✓       ✓            ✓         ✓',
  'POST /api/messages/incoming/delete': ' ✓         ✓            ✓         ·',
  'POST /api/messages/incoming/archive': '✓         ✓            ✓         ·', // 庫存
  'POST /api/transmissions': '             ✓         ✓            ✓         ·', // 即時傳送
  'GET /api/transmissions': '              ✓         ✓            ✓         ·',
  'GET /api/transmissions/:id': '          ✓         ✓            ✓         ·',
  'GET /api/schedule': '                   ✓         ✓            ✓         ·', // 設定時間輸送
  'PUT /api/schedule': '                   ✓         ✓            ✓         ·',
  'GET /api/logs': '                       ✓         ✓            ✓         ·', // 聯遞系統紀錄
  'GET /api/logs/search': '                ✓         ✓            ✓         ·',
  'GET /api/logs/:date': '                 ✓         ✓            ✓         ·',
  'GET /api/logs/:date/download': '        ✓         ✓            ✓         ·',
  'GET /api/notices': 'session', // 通知 at login, header alerts
  'POST /api/notices/dismissals': 'session', // 不再顯示
  'GET /api/notices/config': '             ✓         ✓            ·         ·', // 維護通知
  'PUT /api/notices/config': '             ✓         ✓            ·         ·',
  'GET /api/notices/maintenance': '        ✓         ✓            ·         ·',
  'POST /api/notices/maintenance': '       ✓         ✓            ·         ·',
  'PUT /api/notices/maintenance/:id': '   ✓         ✓            ·         ·',
  'DELETE /api/notices/maintenance/:id': '✓         ✓            ·         ·',
  'GET /api/reports': '                    ✓         ✓            ✓         ·', // 聯遞系統報告
  'GET /api/reports/:slug': '              ✓         ✓            ✓         ·',
  'GET /api/help': 'session', // 說明: help desks, agencies' key fingerprints
  'PUT /api/help/contacts': '             ✓         ✓            ·         ·',
  'GET /api/students': '                 ✓         ✓            ✓         ✓', // 學生資料
  'POST /api/students/imports': '        ✓         ✓            ✓         ✓',
  'GET /api/students/:id': '             ✓         ✓            ✓         ✓',
  'PUT /api/students/:id': '             ✓         ✓            ✓         ✓',
  'PUT /api/students/:id/leaving': '     ✓         ✓            ✓         ✓', // 離校
  'GET /api/student/form-a': '           ✓         ✓            ✓         ✓', // 資料互換 預備/預覽
  'POST /api/student/form-a': '          ✓         ✓            ✓         ✓', // 確定
  'GET /api/student/form-a/received': '  ✓         ✓            ✓         ✓', // EDB: received Form A
  'GET /api/student/form-a/received/:id': ' ✓         ✓            ✓         ✓',
  'POST /api/modules/imports': '         ✓         ·            ✓         ·', // module re-import
  'GET /api/keys': '                       ✓         ·            ✓         ·', // 學校密碼匙管理
  'POST /api/keys/change': '               ✓         ·            ✓         ·', // 更改學校密碼匙
  'GET /api/keys/history': '               ✓         ·            ✓         ·', // 更改紀錄
  'POST /api/keys/publish': '              ✓         ·            ✓         ·', // submit / recovery code
  'GET /api/directory/unconfirmed': '      ✓         ·            ✓         ·', // 未核實的新密碼匙
  'POST /api/directory/confirm': '         ✓         ·            ✓         ·',
  'GET /api/registration': '               ✓         ·            ✓         ·', // 系統註冊
  'POST /api/registration': '              ✓         ·            ✓         ·',
  'GET /api/version': '                    ✓         ·            ✓         ·', // 傳送網上校管系統版本
  'POST /api/version/message': '           ✓         ·            ✓         ·',
  'GET /api/settings/hub': '               ✓         ✓            ·         ·', // 設定: 聯遞系統延伸網址
  'PUT /api/settings/hub': '               ✓         ✓            ·         ·',
  'POST /api/settings/hub/test': '         ✓         ✓            ·         ·', // 測試連線
};

/**
 * The AGENCY_OFFICER column (SPEC §7: "Agency nodes add AGENCY_OFFICER"; its grants are decided in
 * packages/domain/src/rights.ts: view, reply, decrypt, confidential, archive, transmission, report,
 * log, key and outgoing own/all/process; no delete, export/import, registration, version, settings,
 * notification maintenance, user administration or Student module). Every route is checked on an
 * agency node too: the four school groups keep their cells in EXPECTED, and this cell is exercised
 * for an AGENCY_OFFICER user. Public and `session` rows need none; every other row needs one here.
 */
const AGENCY_OFFICER: Readonly<Record<string, '✓' | '·'>> = {
  'GET /api/users': '·',
  'POST /api/users': '·',
  'PATCH /api/users/:username': '·',
  'PUT /api/users/:username/password': '·',
  'GET /api/groups': '·',
  'GET /api/messages/outgoing': '✓',
  'POST /api/messages/outgoing': '✓',
  'GET /api/messages/outgoing/:id': '✓',
  'PUT /api/messages/outgoing/:id': '✓',
  'POST /api/messages/outgoing/:id/attachments': '✓',
  'DELETE /api/messages/outgoing/:id/attachments/:ordinal': '✓',
  'POST /api/messages/outgoing/seal': '✓',
  'POST /api/messages/outgoing/:id/reject': '✓',
  'POST /api/messages/outgoing/resend': '✓',
  'POST /api/messages/outgoing/delete': '✓',
  'POST /api/messages/outgoing/archive': '✓',
  'GET /api/exports': '·',
  'POST /api/exports': '·',
  'POST /api/imports': '·',
  'GET /api/messages/incoming': '✓',
  'GET /api/messages/incoming/:id': '✓',
  'GET /api/messages/incoming/:id/attachments/:ordinal': '✓',
  'POST /api/messages/incoming/read': '✓',
  'POST /api/messages/incoming/decrypt': '✓',
  'POST /api/messages/incoming/:id/reply': '✓',
  'POST /api/messages/incoming/delete': '·',
  'POST /api/messages/incoming/archive': '✓',
  'POST /api/transmissions': '✓',
  'GET /api/transmissions': '✓',
  'GET /api/transmissions/:id': '✓',
  'GET /api/schedule': '✓',
  'PUT /api/schedule': '✓',
  'GET /api/logs': '✓',
  'GET /api/logs/search': '✓',
  'GET /api/logs/:date': '✓',
  'GET /api/logs/:date/download': '✓',
  'GET /api/notices/config': '·',
  'PUT /api/notices/config': '·',
  'GET /api/notices/maintenance': '·',
  'POST /api/notices/maintenance': '·',
  'PUT /api/notices/maintenance/:id': '·',
  'DELETE /api/notices/maintenance/:id': '·',
  'GET /api/reports': '✓',
  'GET /api/reports/:slug': '✓',
  'PUT /api/help/contacts': '·',
  'GET /api/students': '·',
  'POST /api/students/imports': '·',
  'GET /api/students/:id': '·',
  'PUT /api/students/:id': '·',
  'PUT /api/students/:id/leaving': '·',
  'GET /api/student/form-a': '·',
  'POST /api/student/form-a': '·',
  'GET /api/student/form-a/received': '✓',
  'GET /api/student/form-a/received/:id': '✓',
  'POST /api/modules/imports': '✓',
  'GET /api/keys': '✓',
  'POST /api/keys/change': '✓',
  'GET /api/keys/history': '✓',
  'POST /api/keys/publish': '✓',
  'GET /api/directory/unconfirmed': '✓',
  'POST /api/directory/confirm': '✓',
  'GET /api/registration': '·',
  'POST /api/registration': '·',
  'GET /api/version': '·',
  'POST /api/version/message': '·',
  'GET /api/settings/hub': '·',
  'PUT /api/settings/hub': '·',
  'POST /api/settings/hub/test': '·',
};

/** Routes a user who must still change an administrator-set password may use. */
const BEFORE_PASSWORD_CHANGE = [
  'GET /api/session',
  'DELETE /api/session',
  'PUT /api/session/password',
  'PUT /api/session/lang',
];

/** "METHOD /path" of every route in Fastify's printed route tree (HEAD left out). */
function routesOf(tree: string): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const path = `${stack.join('')}${match[2] === '*' ? '/*' : match[2]}`;
    stack.push(match[2] === '*' ? '/*' : (match[2] ?? ''));
    for (const method of (match[3] ?? '').split(', ')) if (method !== 'HEAD') found.push(`${method} ${path}`);
  }
  return found.sort();
}

function allowedGroups(cell: string): readonly Group[] | 'public' | 'session' {
  if (cell === 'public' || cell === 'session') return cell;
  const marks = cell.trim().split(/\s+/);
  if (marks.length !== GROUPS.length || marks.some((mark) => mark !== '✓' && mark !== '·')) {
    throw new Error(`malformed matrix row: "${cell}"`);
  }
  return GROUPS.filter((_, index) => marks[index] === '✓');
}

type NodeRole = 'school' | 'agency';

/** The groups each kind of node offers (GROUPS_BY_ROLE), one user each. */
const GROUPS_OF: Readonly<Record<NodeRole, readonly Group[]>> = {
  school: GROUPS,
  agency: [...GROUPS, 'AGENCY_OFFICER'],
};
const userOf = (group: Group) => group.toLowerCase().replaceAll('_', '');

const AUTH_REFUSALS = ['auth.unauthenticated', 'auth.forbidden', 'auth.password_change_required'];
const refusal = (body: string): string | null => {
  try {
    const code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? null;
    return code !== null && AUTH_REFUSALS.includes(code) ? code : null;
  } catch {
    return null;
  }
};

/** Whether `group` may call `route`: EXPECTED for the school groups, AGENCY_OFFICER for the officer. */
function allows(route: string, group: Group): boolean {
  const allowed = allowedGroups(EXPECTED[route] ?? '');
  if (allowed === 'public' || allowed === 'session') return true;
  if (group !== 'AGENCY_OFFICER') return allowed.includes(group);
  const cell = AGENCY_OFFICER[route];
  if (cell === undefined) throw new Error(`no AGENCY_OFFICER cell for "${route}"`);
  return cell === '✓';
}

function describeNode(role: NodeRole): void {
  let fx: NodeAppFixture;
  const sessions = new Map<string, { cookie: string; origin: string }>();
  const groups = GROUPS_OF[role];

  beforeAll(async () => {
    fx = await nodeAppFixture(role === 'agency' ? { party: 'EDB', nodeRole: 'agency' } : {});
    for (const group of groups) await fx.addUser(userOf(group), [group]);
    await fx.addUser('newcomer', ['CDS_ADMIN']);
    await fx.services.repos.users.update((await fx.services.repos.users.byUsername('newcomer'))!.id, {
      updatedAt: 0,
      mustChangePassword: true,
    });
  });
  afterAll(() => fx?.close());

  async function session(username: string) {
    const known = sessions.get(username);
    if (known && (await fx.app.inject({ url: '/api/session', headers: known })).statusCode === 200)
      return known;
    const fresh = await fx.login(username);
    sessions.set(username, fresh);
    return fresh;
  }

  function request(route: string, headers: Record<string, string>) {
    const [method, path] = route.split(' ') as [string, string];
    const url = path.replace('/*', '/some/page').replace(/:(\w+)/g, 'nobody');
    const unsafe = !['GET', 'HEAD'].includes(method);
    return fx.app.inject({
      method: method as 'GET',
      url,
      headers: { origin: fx.origin, ...headers },
      ...(unsafe ? { payload: {} } : {}),
    });
  }

  it('every registered route is in the literal matrix, and every row is a registered route', () => {
    expect(routesOf(fx.app.printRoutes({ commonPrefix: false }))).toEqual(Object.keys(EXPECTED).sort());
  });

  if (role === 'agency') {
    it('every rights row has an AGENCY_OFFICER cell, and every cell a row', () => {
      const needing = Object.entries(EXPECTED)
        .filter(([, cell]) => cell !== 'public' && cell !== 'session')
        .map(([route]) => route);
      expect(Object.keys(AGENCY_OFFICER).sort()).toEqual(needing.sort());
    });
  }

  for (const [route, cell] of Object.entries(EXPECTED)) {
    it(route, async () => {
      const allowed = allowedGroups(cell);
      const anonymous = await request(route, {});
      if (allowed === 'public') {
        expect(refusal(anonymous.body), 'public route refused a visitor').toBeNull();
        return;
      }
      expect([anonymous.statusCode, refusal(anonymous.body)]).toEqual([401, 'auth.unauthenticated']);
      for (const group of groups) {
        const response = await request(route, await session(userOf(group)));
        if (allows(route, group)) expect(refusal(response.body), `${group} must pass`).toBeNull();
        else expect([response.statusCode, refusal(response.body)], group).toEqual([403, 'auth.forbidden']);
      }
      const newcomer = await request(route, await session('newcomer'));
      if (BEFORE_PASSWORD_CHANGE.includes(route)) expect(refusal(newcomer.body)).toBeNull();
      else expect(refusal(newcomer.body)).toBe('auth.password_change_required');
    });
  }

  it('the API never falls through to the web app', async () => {
    const response = await fx.app.inject({ url: '/api/no-such-thing' });
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'not_found.route']);
  });
}

describe('route × group rights on a school node (SPEC §7)', () => describeNode('school'));
describe('route × group rights on an agency node (SPEC §7, AGENCY_OFFICER)', () => describeNode('agency'));
