// The measured half of `npm run bench:reports`: one report from a seeded database, in a process of
// its own running the compiled code (as a node server would, without the TypeScript loader), so the
// kernel's high-water mark of resident memory (VmHWM) is the report's true peak.
import { readFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createDatabase, createReportSource } from '@cds/db';
import { generateReport, loadReportFonts } from '@cds/reports';

const [file, out, lang = 'zh-HK'] = process.argv.slice(2);
const status = (field) =>
  Number(
    /(\d+) kB/.exec(
      readFileSync('/proc/self/status', 'utf8')
        .split('\n')
        .find((l) => l.startsWith(field)) ?? '',
    )?.[1] ?? 0,
  ) / 1024;

const handle = createDatabase({ kind: 'sqlite', file });
try {
  await loadReportFonts(); // once per process in a server too
  const baseMb = status('VmRSS:');
  const started = process.hrtime.bigint();
  const report = generateReport(
    { name: 'bench', groups: ['CDS_ADMIN'] },
    { slug: 'daily-outgoing', from: '2026-11-01', to: '2026-11-30', lang, format: 'pdf' },
    {
      source: createReportSource(handle.db),
      party: { code: '123456', name: '示範中學' },
      now: () => Date.UTC(2026, 11, 1, 2, 30),
    },
  );
  const outcome = await report.write(createWriteStream(out));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { size } = await stat(out);
  process.stdout.write(
    `${JSON.stringify({ ...outcome, seconds, size, baseMb, peakMb: status('VmHWM:') })}\n`,
  );
} finally {
  await handle.close();
}
