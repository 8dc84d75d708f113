/**
 * The report process (see generate-report-in-child.ts): receives one job over IPC, renders it from
 * its own database connection into fd 4, answers with the outcome or the error, and exits.
 */
import { createWriteStream } from 'node:fs';
import { createDatabase, createReportSource } from '@cds/db';
import { isAppError } from '@cds/domain';
import { generateReport } from '../generate-report.js';
import { loadReportFonts } from '../pdf/fonts.js';
import type { ChildReportJob, ChildReportReply } from './child-protocol.js';

const reply = (message: ChildReportReply) =>
  new Promise<void>((done) => {
    if (process.send) process.send(message, () => done());
    else done();
  });

async function run(job: ChildReportJob): Promise<void> {
  let handle: ReturnType<typeof createDatabase> | undefined;
  try {
    handle = createDatabase(job.database);
    const report = generateReport(job.actor, job.request, {
      source: createReportSource(handle.db),
      party: job.party,
      now: () => job.generatedAt,
      ...(job.fonts ? { fonts: () => loadReportFonts(job.fonts) } : {}),
    });
    const outcome = await report.write(createWriteStream('', { fd: 4 }));
    await reply({ ok: true, outcome });
  } catch (error) {
    await reply({
      ok: false,
      error: isAppError(error)
        ? { code: error.code, details: error.details }
        : { message: error instanceof Error ? error.message : String(error) },
    });
  } finally {
    await handle?.close();
    process.disconnect?.();
  }
}

process.once('message', (job: ChildReportJob) => void run(job));
