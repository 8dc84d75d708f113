/**
 * `npm run bench:reports [-- --smoke]`: the `daily-outgoing` PDF (the report SPEC §6 lists as the
 * daily one users print) over 100,000 outgoing messages (--smoke: 2,000), on SQLite:
 *   - time for the whole report (both passes: counting pages, then writing);
 *   - peak resident memory of the process that renders it (the kernel's VmHWM); the bar is 200 MB,
 *     printed and recorded (like the envelope bench, a figure, not a test that fails on load).
 * Rows are seeded here in one transaction with batched inserts (seconds, not minutes); the report
 * runs in a child process on the compiled code, so the figure is the report's and not the seeding's
 * or the TypeScript loader's. Appends a row to docs/performance.md unless --no-record.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, migrateToLatest, type NodeDatabase, type OutgoingMessagesTable } from '@cds/db';
import { OUTGOING_ROWS, fixtureId } from '@cds/reports/testing';
import { REPORT_PROCESS_FLAGS } from '@cds/reports';
import { recordRow } from './record.js';

const MIB = 1024 * 1024;
const repo = fileURLToPath(new URL('..', import.meta.url));
const smoke = process.argv.includes('--smoke');
const rowsArg = process.argv.indexOf('--rows');
const total = rowsArg >= 0 ? Number(process.argv[rowsArg + 1]) : smoke ? 2_000 : 100_000;
const RSS_BAR_MB = 200;
/** 1 November 2026, 00:00 in Hong Kong; rows spread over the month. */
const START = Date.UTC(2026, 9, 31, 16);
const SPREAD = (29 * 24 * 3_600_000) / total;

function row(i: number): OutgoingMessagesTable {
  const [subject, type, to, description, status, urgent, confidential] =
    OUTGOING_ROWS[i % OUTGOING_ROWS.length];
  const at = Math.floor(START + i * SPREAD);
  return {
    id: fixtureId(at, i),
    subject,
    type,
    priority: urgent ? 'URGENT' : 'NORMAL',
    encryption_level: confidential ? 'CONFIDENTIAL' : 'RESTRICTED',
    description: `${description} #${i}`,
    school_reference: null,
    reply_deadline: null,
    reply_to_id: null,
    to_parties: JSON.stringify([to]),
    status,
    owner: 'staff',
    source_module: null,
    created_at: at,
    updated_at: at,
    sealed_at: null,
    sent_at: null,
    received_at: null,
    attempts: 0,
    last_error: null,
    exported_at: null,
    archived: 0,
    version: 1,
    header_jws: null,
    payload_blob: null,
    payload_sha256: null,
    payload_size: null,
    recipient_kids: null,
    acceptance_receipt: null,
  };
}

const dir = await mkdtemp(join(tmpdir(), 'cds-bench-reports-'));
const dbFile = join(dir, 'cds.sqlite');
const handle = createDatabase<NodeDatabase>({ kind: 'sqlite', file: dbFile, synchronous: 'NORMAL' });
try {
  await migrateToLatest(handle.db, 'node');
  const seeding = Date.now();
  await handle.db.transaction().execute(async (tx) => {
    for (let i = 0; i < total; i += 500) {
      const batch = Array.from({ length: Math.min(500, total - i) }, (_, k) => row(i + k));
      await tx.insertInto('outgoing_messages').values(batch).execute();
    }
  });
  const seedSeconds = (Date.now() - seeding) / 1000;
  // The report runs in a process of its own on the compiled code (see reports-child.mjs).
  const file = join(dir, 'daily-outgoing.pdf');
  // With the heap flags of the product's report process (generateReportInChild).
  const child = spawnSync(
    process.execPath,
    [...REPORT_PROCESS_FLAGS, join(repo, 'bench/reports-child.mjs'), dbFile, file],
    {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`the report process failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as {
    rows: number;
    pages: number;
    seconds: number;
    size: number;
    baseMb: number;
    peakMb: number;
  };
  if (result.rows !== total) throw new Error(`the report listed ${result.rows} rows, expected ${total}`);
  const { pages, seconds, size, peakMb, baseMb } = result;

  console.log(
    `reports bench: daily-outgoing PDF, ${total.toLocaleString('en')} rows (seeded in ${seedSeconds.toFixed(1)} s)`,
  );
  console.log(
    `  ${pages} pages, ${(size / MIB).toFixed(1)} MiB, ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s, both passes)`,
  );
  console.log(
    `  peak RSS of the report process ${peakMb.toFixed(0)} MB (bar < ${RSS_BAR_MB} MB${peakMb < RSS_BAR_MB ? '' : ': NOT MET'}); ${baseMb.toFixed(0)} MB before the report (Node, drivers, pdfkit, the CJK font), so the report itself added ${(peakMb - baseMb).toFixed(0)} MB`,
  );

  const commit =
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo }).stdout.toString().trim() || 'unknown';
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  if (!process.argv.includes('--no-record'))
    await recordRow(
      join(repo, 'docs/performance.md'),
      'Reports (`npm run bench:reports`)',
      [
        'date',
        'commit',
        'report',
        'rows',
        'pages',
        'PDF MiB',
        'seconds',
        'rows/s',
        'peak RSS MB',
        'of which before the report MB',
        'load avg',
      ],
      [
        date,
        commit,
        'daily-outgoing PDF',
        total.toLocaleString('en'),
        String(pages),
        (size / MIB).toFixed(1),
        seconds.toFixed(1),
        String(Math.round(total / seconds)),
        peakMb.toFixed(0),
        baseMb.toFixed(0),
        loadavg()[0].toFixed(1),
      ],
    );
} finally {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
}
