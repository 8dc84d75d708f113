import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latinProse } from '@cds/domain';
import { freePort, runCli, startCli, waitExit } from './testing/cli-harness.js';

const root = await mkdtemp(join(tmpdir(), 'cds-cli-'));
const env = { CDS_DATA_DIR: root };
const running: Array<{ kill: (signal: NodeJS.Signals) => boolean }> = [];
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

describe('cds CLI conventions', () => {
  it('prints help for the root and every command, exit 0', async () => {
    const root = await runCli(['--help']);
    expect(root.code).toBe(0);
    for (const command of ['hub', 'node', 'migrate']) expect(root.stdout).toContain(command);
    for (const args of [
      ['hub', 'start', '--help'],
      ['node', 'init', '--help'],
      ['node', 'start', '--help'],
      ['migrate', '--help'],
    ]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: cds');
    }
  });

  it('reports usage errors on stderr with exit 2', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error usage\.invalid_argument: /m);
    const missing = await runCli(['node', 'init', '--role', 'school', '--hub', 'http://127.0.0.1:1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--party');
  });

  it('node init creates the data directory layout and refuses a second init (exit 4)', async () => {
    const result = await runCli(
      [
        '--json',
        'node',
        'init',
        '--party',
        '123456',
        '--role',
        'school',
        '--hub',
        'http://127.0.0.1:9',
        '--port',
        '1234',
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { dataDir: string; party: string; http: { port: number } };
    expect(printed).toMatchObject({
      dataDir: join(root, '123456'),
      party: '123456',
      nodeRole: 'school',
      http: { port: 1234 },
    });
    for (const entry of ['cds.sqlite', 'blobs', 'keys', 'logs', 'config.json'])
      await stat(join(root, '123456', entry));
    expect((await stat(join(root, '123456', 'keys'))).mode & 0o777).toBe(0o700);
    const again = await runCli(
      ['node', 'init', '--party', '123456', '--role', 'school', '--hub', 'http://127.0.0.1:9'],
      env,
    );
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^error datadir\.already_initialised: /m);
  });

  /** A party code one digit short and a plain-http hub URL: two problems in one `node init`. */
  const badInit = (dir: string) => [
    'node',
    'init',
    '--data-dir',
    dir,
    '--party',
    '12345',
    '--role',
    'school',
    '--hub',
    'http://hub.example.org',
  ];

  it('node init validates the party and the hub URL, listing every problem, and leaves nothing behind', async () => {
    const dir = join(root, 'bad');
    const result = await runCli(badInit(dir));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error config\.invalid: /m);
    expect(result.stderr).toContain('party');
    expect(result.stderr).toContain('--allow-insecure-hub');
    await expect(stat(join(dir, 'config.json'))).rejects.toThrow();
  });

  it('prints errors in Traditional Chinese with CDS_LANG=zh-HK', async () => {
    const result = await runCli(['node', 'start', '--data-dir', join(root, 'nowhere')], {
      CDS_LANG: 'zh-HK',
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('error datadir.not_initialised: 資料目錄');
  });

  it('in zh-HK the message is wholly Chinese; the technical detail follows on its own line', async () => {
    const dir = join(root, 'bad-config-zh');
    const result = await runCli(badInit(dir), { CDS_LANG: 'zh-HK' });
    expect(result.code).toBe(2);
    const [first, second] = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('error ') || line.startsWith('  '));
    expect(first).toMatch(/^error config\.invalid: 設定不正確。/);
    expect(latinProse(first ?? '')).toBeNull();
    expect(second).toMatch(/^ {2}技術資料：.*party/);
  });
});

describe('servers started from the CLI', () => {
  it('node start serves /healthz and /readyz; migrate is refused while it runs and works after a graceful stop', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const init = await runCli(
      ['node', 'init', '--node', 'EDB', '--party', 'EDB', '--role', 'agency', '--hub', 'http://127.0.0.1:9'],
      env,
    );
    expect(init.code, init.stderr).toBe(0);
    const server = await startCli(['node', 'start', '--node', 'EDB', '--port', String(port)], url, env);
    running.push(server);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({
      status: 'ok',
      version: expect.any(String),
      role: 'node',
      party: 'EDB',
    });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const second = await runCli(['node', 'start', '--node', 'EDB', '--port', String(await freePort())], env);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/^error datadir\.locked: /m);
    const refused = await runCli(['migrate', '--node', 'EDB'], env);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`PID ${server.pid}`);

    server.kill('SIGTERM');
    expect(await waitExit(server)).toBe(0);
    await expect(stat(join(root, 'EDB', 'server.lock'))).rejects.toThrow();
    const migrated = await runCli(['--json', 'migrate', '--node', 'EDB'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(JSON.parse(migrated.stdout)).toEqual({ dataDir: join(root, 'EDB'), applied: [] });
  });

  it('hub start initialises an empty directory, restarts on the same data, and honours --port', async () => {
    const dir = join(root, 'hub-a');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startCli(['hub', 'start', '--data-dir', dir, '--port', String(port)], url);
    running.push(first);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ role: 'hub', party: null });
    first.kill('SIGINT');
    expect(await waitExit(first)).toBe(0);
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { role: string };
    expect(config.role).toBe('hub');
    const second = await startCli(['hub', 'start', '--data-dir', dir, '--port', String(port)], url);
    running.push(second);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    second.kill('SIGTERM');
    expect(await waitExit(second)).toBe(0);
  });

  it('refuses to start a node on a hub directory and reports a broken config', async () => {
    const hubDir = join(root, 'hub-a');
    const wrong = await runCli(['node', 'start', '--data-dir', hubDir]);
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/^error datadir\.role_mismatch: /m);
    const broken = join(root, 'broken');
    await runCli([
      'node',
      'init',
      '--data-dir',
      broken,
      '--party',
      '654321',
      '--role',
      'school',
      '--hub',
      'http://127.0.0.1:9',
    ]);
    await writeFile(
      join(broken, 'config.json'),
      JSON.stringify({ format: 'cds-config/1', role: 'node', party: 'x', http: { port: 0 } }),
    );
    const result = await runCli(['node', 'start', '--data-dir', broken]);
    expect(result.code).toBe(2);
    for (const field of ['party', 'nodeRole', 'hub', 'http.host', 'http.port', 'database'])
      expect(result.stderr).toContain(field);
  });
});
