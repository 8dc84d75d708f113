/**
 * The report tests' world: a migrated SQLite node database holding the fixture school's November
 * (with filler rows, so lists run over several pages), and a helper that writes one report to a
 * file the way `cds report` does.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDatabase,
  createRepositories,
  createReportSource,
  migrateToLatest,
  type DatabaseHandle,
  type NodeDatabase,
} from '@cds/db';
import type { Lang } from '@cds/domain';
import { generateReport, type ReportOutcome } from '../generate-report.js';
import { FIXTURE_PARTY, seedReportFixture } from './fixture.js';

/** 10:30 on 1 December 2026 in Hong Kong. */
export const PRINTED_AT = Date.UTC(2026, 11, 1, 2, 30);
export const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' } as const;

export interface ReportWorld {
  readonly dir: string;
  readonly handle: DatabaseHandle<NodeDatabase>;
  render(
    slug: string,
    lang: Lang,
    format: 'pdf' | 'xlsx',
    criteria?: { from?: string; to?: string; statuses?: string[]; subjects?: string[] },
  ): Promise<{ file: string } & ReportOutcome>;
  close(): Promise<void>;
}

export async function createReportWorld(extra = 40): Promise<ReportWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'cds-reports-'));
  // NORMAL sync: a test database acknowledges nothing to anyone, and seeding stays fast.
  const handle = createDatabase<NodeDatabase>({
    kind: 'sqlite',
    file: join(dir, 'cds.sqlite'),
    synchronous: 'NORMAL',
  });
  await migrateToLatest(handle.db, 'node');
  await seedReportFixture(createRepositories(handle.db), { extra });
  // Messages from HKEAA came in an import bundle (匯入訊息) in this world.
  await handle.db
    .updateTable('incoming_messages')
    .set((eb) => ({ bundle_imported_at: eb.ref('received_at') }))
    .where('from_party', '=', 'HKEAA')
    .execute();
  const source = createReportSource(handle.db);
  let count = 0;
  return {
    dir,
    handle,
    async render(slug, lang, format, criteria = {}) {
      const report = generateReport(
        { name: 'head', groups: ['SCHOOL_HEAD'] },
        { slug, ...NOVEMBER, ...criteria, lang, format },
        {
          source,
          party: { code: FIXTURE_PARTY.code, name: FIXTURE_PARTY.names[lang] },
          now: () => PRINTED_AT,
        },
      );
      const file = join(dir, `${(count += 1)}-${slug}.${lang}.${format}`);
      const outcome = await report.write(createWriteStream(file));
      return { file, ...outcome };
    },
    async close() {
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
