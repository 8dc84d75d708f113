/**
 * `npm run docs:reports`: page 1 of each of the nine reports, in zh-HK and in English, rendered to
 * PNG under docs/reports/ from the fixture school's November 2026 (a fresh SQLite file, fixed
 * clock, so the images change only when the reports do). Needs poppler-utils (pdftoppm).
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createRepositories,
  createReportSource,
  migrateToLatest,
  type NodeDatabase,
} from '@cds/db';
import { REPORT_SLUGS, generateReport } from '@cds/reports';
import { FIXTURE_PARTY, seedReportFixture } from '@cds/reports/testing';

const repo = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(repo, 'docs/reports');
/** 10:30 on 1 December 2026 in Hong Kong: the printed time on every image. */
const PRINTED_AT = Date.UTC(2026, 11, 1, 2, 30);

const work = await mkdtemp(join(tmpdir(), 'cds-docs-reports-'));
const handle = createDatabase<NodeDatabase>({
  kind: 'sqlite',
  file: join(work, 'cds.sqlite'),
  synchronous: 'NORMAL',
});
try {
  await migrateToLatest(handle.db, 'node');
  const repos = createRepositories(handle.db);
  await seedReportFixture(repos, { extra: 40 });
  // Some messages arrived in an import bundle (匯入訊息), so 已匯入訊息撮要 has something to show.
  await handle.db
    .updateTable('incoming_messages')
    .set((eb) => ({ bundle_imported_at: eb.ref('received_at') }))
    .where('from_party', '=', 'HKEAA')
    .execute();
  const source = createReportSource(handle.db);
  await mkdir(outDir, { recursive: true });
  for (const lang of ['zh-HK', 'en'] as const) {
    for (const slug of REPORT_SLUGS) {
      const report = generateReport(
        { name: 'head', groups: ['SCHOOL_HEAD'] },
        { slug, from: '2026-11-01', to: '2026-11-30', lang, format: 'pdf' },
        {
          source,
          party: { code: FIXTURE_PARTY.code, name: FIXTURE_PARTY.names[lang] },
          now: () => PRINTED_AT,
        },
      );
      const pdf = join(work, `${slug}.${lang}.pdf`);
      const { pages } = await report.write(createWriteStream(pdf));
      const png = join(outDir, `${slug}.${lang}`);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, png]);
      console.log(`docs/reports/${slug}.${lang}.png  (page 1 of ${pages})`);
    }
  }
} finally {
  await handle.close();
  await rm(work, { recursive: true, force: true });
}
