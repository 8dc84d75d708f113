/**
 * 聯遞系統報告 rendered in a process of its own. A 100,000-row PDF keeps the CPU busy for a minute
 * and, with V8's default heap sizing, took the process past the 200 MB bar (issue #9) through
 * garbage awaiting collection rather than live data (~40 MB). Its own process, with a small young
 * generation and a capped old one, stays near 170 MB, leaves the server's event loop and heap
 * alone, and gives all its memory back when it exits. The checks (right, criteria) run here first,
 * so a refused request never starts a process; the bytes come back over a pipe, with backpressure.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { AppError, type ReportSource } from '@cds/domain';
import { generateReport, type ReportDownload, type ReportOutcome } from '../generate-report.js';
import type { ChildReportJob, ChildReportReply } from './child-protocol.js';

/** Live data stays ~40 MB; the cap makes V8 collect instead of growing towards its default. */
export const REPORT_PROCESS_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=96'];

/** The compiled entry (tests run the sources, whose compiled twin the test setup keeps current). */
function childEntry(): string {
  const here = fileURLToPath(new URL('./report-child.js', import.meta.url));
  return existsSync(here) ? here : here.replace(/\/src\/process\//, '/dist/process/');
}

/** Never read: the in-process use case is only asked for its checks and its file name here. */
const unreadSource = new Proxy({} as ReportSource, {
  get() {
    throw new Error('the report source is read in the report process');
  },
});

function errorFrom(reply: Extract<ChildReportReply, { ok: false }>['error']): Error {
  return 'code' in reply ? new AppError(reply.code, reply.details) : new Error(reply.message);
}

async function renderInChild(job: ChildReportJob, sink: Writable): Promise<ReportOutcome> {
  const child = fork(childEntry(), [], {
    execArgv: REPORT_PROCESS_FLAGS,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc', 'pipe'],
  });
  const answered = new Promise<ReportOutcome>((resolve, reject) => {
    child.once('message', (reply: ChildReportReply) =>
      reply.ok ? resolve(reply.outcome) : reject(errorFrom(reply.error)),
    );
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`the report process ended (${signal ?? `exit ${code}`}) before answering`)),
    );
  });
  // Settled either way below; this keeps an early failure from surfacing as unhandled.
  answered.catch(() => undefined);
  child.send(job);
  const bytes = child.stdio[4] as Readable;
  try {
    await Promise.all([pipeline(bytes, sink), answered]);
    return await answered;
  } catch (error) {
    child.kill('SIGKILL');
    // The child's own error says more than the broken pipe it caused.
    throw await answered.then(
      () => error,
      (childError: unknown) => childError,
    );
  }
}

export function generateReportInChild(job: ChildReportJob): ReportDownload {
  const checked = generateReport(job.actor, job.request, {
    source: unreadSource,
    party: job.party,
    now: () => job.generatedAt,
  });
  const write = (sink: Writable) => renderInChild(job, sink);
  return {
    ...checked,
    write,
    stream() {
      const out = new PassThrough();
      write(out).catch((error: unknown) => out.destroy(error as Error));
      return out;
    },
  };
}
