import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCliFast as runCli, startCli } from './testing/cli-harness.js';

const root = await mkdtemp(join(tmpdir(), 'cds-user-cli-'));
const env = { CDS_DATA_DIR: root };
const cli = (args: string[]) => runCli(args, env);
let node: Awaited<ReturnType<typeof startCli>> | undefined;

beforeAll(async () => {
  const init = await cli([
    'node',
    'init',
    '--party',
    '222222',
    '--role',
    'school',
    '--hub',
    'http://127.0.0.1:1',
  ]);
  expect(init.code, init.stderr).toBe(0);
  await writeFile(join(root, 'password'), 'Kowloon-Tong-2026\n');
});
afterAll(() => {
  node?.kill('SIGTERM');
});

describe('cds user', () => {
  it('creates the first administrator of a new node, who can then log in over HTTP', async () => {
    const added = await cli([
      'user',
      'add',
      '--node',
      '222222',
      '--username',
      'Admin',
      '--group',
      'CDS_ADMIN',
      '--display-name',
      '系統管理員',
      '--password-file',
      join(root, 'password'),
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.trim()).toBe('added admin (CDS_ADMIN)');

    const listed = await cli(['--json', 'user', 'list', '--node', '222222']);
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        username: 'admin',
        displayName: '系統管理員',
        groups: ['CDS_ADMIN'],
        disabled: false,
        mustChangePassword: false,
        lastLoginAt: null,
      },
    ]);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    node = await startCli(['node', 'start', '--node', '222222', '--port', String(port)], url, env);
    const login = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username: 'admin', password: 'Kowloon-Tong-2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^cds_sid_222222=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const users = await fetch(`${url}/api/users`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect((await users.json()) as unknown[]).toHaveLength(1);
  });

  it('refuses a group the node does not offer, with the usage exit code and nothing stored', async () => {
    const refused = await cli([
      'user',
      'add',
      '--node',
      '222222',
      '--username',
      'officer',
      '--group',
      'AGENCY_OFFICER',
      '--password-file',
      join(root, 'password'),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'error user.group_not_offered: The user group AGENCY_OFFICER does not exist on this node.\n',
    );
  });
});
