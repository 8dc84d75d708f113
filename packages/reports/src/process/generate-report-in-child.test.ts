/**
 * Reports rendered in their own process (what `cds report` and the node's report screen use): the
 * same bytes as in-process rendering from the same rows, errors from the checks before any process
 * starts, and errors inside the process carried back with their code.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@cds/domain';
import { FIXTURE_PARTY } from '../testing/fixture.js';
import { NOVEMBER, PRINTED_AT, createReportWorld, type ReportWorld } from '../testing/report-world.js';
import { generateReportInChild } from './generate-report-in-child.js';

let world: ReportWorld;
beforeAll(async () => {
  world = await createReportWorld();
});
afterAll(() => world.close());

const job = (request: Record<string, unknown>, groups: readonly string[] = ['SCHOOL_HEAD']) => ({
  database: { kind: 'sqlite' as const, file: join(world.dir, 'cds.sqlite') },
  actor: { name: 'head', groups },
  request: { ...NOVEMBER, lang: 'zh-HK', ...request },
  party: { code: FIXTURE_PARTY.code, name: FIXTURE_PARTY.names['zh-HK'] },
  generatedAt: PRINTED_AT,
});

describe('reports in a process of their own', () => {
  it('write the same PDF and XLSX content as rendering in-process', async () => {
    for (const format of ['pdf', 'xlsx'] as const) {
      const inProcess = await world.render('daily-outgoing', 'zh-HK', format);
      const file = join(world.dir, `child.${format}`);
      const report = generateReportInChild(job({ slug: 'daily-outgoing', format }));
      expect(report.filename).toBe('daily-outgoing_20261101-20261130_zh-HK.' + format);
      const outcome = await report.write(createWriteStream(file));
      expect(outcome).toEqual({ rows: inProcess.rows, pages: inProcess.pages });
      if (format === 'pdf') {
        const text = (f: string) => execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' });
        expect(text(file)).toBe(text(inProcess.file));
        expect(text(file)).toContain('每日製作的寄發訊息清單');
      } else {
        expect((await readFile(file)).subarray(0, 2).toString()).toBe('PK');
      }
    }
  });

  it('refuses a user without the report right, and bad criteria, before starting anything', () => {
    expect(() => generateReportInChild(job({ slug: 'daily-outgoing', format: 'pdf' }, ['STAFF']))).toThrow(
      AppError,
    );
    expect(() => generateReportInChild(job({ slug: 'no-such-report', format: 'pdf' }))).toThrow(AppError);
  });

  it('brings a failure inside the process back as an error', async () => {
    const broken = {
      ...job({ slug: 'daily-outgoing', format: 'pdf' }),
      database: { kind: 'sqlite' as const, file: join(world.dir, 'missing', 'cds.sqlite') },
    };
    await expect(
      generateReportInChild(broken).write(createWriteStream(join(world.dir, 'broken.pdf'))),
    ).rejects.toMatchObject({ code: 'db.unavailable' });
  });
});
