import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createRepositories, type NodeDatabase } from '@cds/db';
import { initNode } from '@cds/node';
import { seedReportFixture } from '@cds/reports/testing';
import { runCliFast as runCli } from './testing/cli-harness.js';

let root: string;
const env = () => ({
  CDS_DATA_DIR: root,
  CDS_TEST_HOOKS: '1',
  CDS_TEST_NOW: '2026-12-01T02:30:00Z',
});
const november = ['--node', '123456', '--from', '2026-11-01', '--to', '2026-11-30'];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cds-report-cli-'));
  await initNode({
    dataDir: join(root, '123456'),
    party: '123456',
    nodeRole: 'school',
    hubUrls: ['http://127.0.0.1:9'],
  });
  const handle = createDatabase<NodeDatabase>({ kind: 'sqlite', file: join(root, '123456', 'cds.sqlite') });
  await seedReportFixture(createRepositories(handle.db));
  await handle.close();
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('cds report', () => {
  it('writes the report the operator asked for, printed at the clock time, and says what it wrote', async () => {
    const out = join(root, 'daily-outgoing.pdf');
    const run = await runCli(
      ['report', 'daily-outgoing', ...november, '--school-name', '示範中學', '--out', out],
      env(),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`${out} (18 rows, 2 pages)`);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('每日製作的寄發訊息清單');
    expect(text).toContain('示範中學');
    expect(text).toContain('列印時間：01/12/2026 10:30');
    expect(text).toMatch(/使用者：cli:\S+/);
  });

  it('refuses an unknown report with exit 2, names the reports, and leaves no file behind', async () => {
    const out = join(root, 'nothing.pdf');
    const run = await runCli(['--json', 'report', 'daily-report', ...november, '--out', out], env());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error report\.unknown_slug: There is no report called "daily-report"\. .*key-history/,
    );
    expect((await readdir(root)).filter((name) => name.startsWith('nothing'))).toEqual([]);
  });

  it('--help lists every report with its Chinese and English name', async () => {
    const run = await runCli(['report', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'daily-incoming       每日收到的接收訊息清單  Daily list of incoming messages received',
    );
    expect(run.stdout).toContain('key-history          密碼匙更改紀錄清單  School Key change history');
    expect(run.stdout.match(/^ {2}[a-z]+-[a-z]+ {2,}\S/gm)).toHaveLength(9);
  });
});
