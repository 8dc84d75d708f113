/**
 * `npm run bench:envelope [-- --smoke]`: the sealed envelope at size (default 1 GiB, --smoke 16 MiB).
 *   1. `cds age encrypt` against `age -r` (the bar: ≥ 0.8×), both as processes, file to file;
 *   2. full seal (tar + manifest + age, with hashing) and open (decrypt, tar, every check) in MB/s;
 *   3. peak RSS growth of the streaming phase (sampled), which must stay flat (< 200 MB at 1 GiB).
 * Median of interleaved runs after warming the page cache; appends a row to docs/performance.md.
 */
/// <reference types="node" />
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { generateX25519Identity } from '@cds/crypto';
import { generateEd25519 } from '@cds/keys';
import { openPayload, sealPayload } from '@cds/envelope';
import { createIdGenerator } from '@cds/platform';
import { recordRow } from './record.js';

const MIB = 1024 * 1024;
const repo = fileURLToPath(new URL('..', import.meta.url));
const smoke = process.argv.includes('--smoke');
const sizeArg = process.argv.indexOf('--size-mib');
const sizeMib = sizeArg >= 0 ? Number(process.argv[sizeArg + 1]) : smoke ? 16 : 1024;
const runs = smoke ? 3 : 5;
const bytes = sizeMib * MIB;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mbps = (seconds: number): number => bytes / 1e6 / seconds;

async function generate(path: string): Promise<string> {
  const file = await open(path, 'w');
  const block = randomBytes(MIB);
  const hash = createHash('sha256');
  for (let written = 0; written < bytes; written += MIB) {
    block.writeUInt32BE(written / MIB, 0);
    hash.update(block);
    await file.write(block);
  }
  await file.close();
  return hash.digest('hex');
}

function timed(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Samples RSS while `work` runs; returns seconds and the peak growth over the starting RSS. */
async function sampled(work: () => Promise<void>): Promise<{ seconds: number; peakGrowthMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, peakGrowthMb: (peak - base) / MIB };
}

const dir = await mkdtemp(join(tmpdir(), 'cds-bench-envelope-'));
try {
  const input = join(dir, 'input.bin');
  const sha256 = await generate(input);
  execFileSync('sh', ['-c', `cat ${input} > /dev/null`]);
  const sender = { ...generateEd25519(), age: generateX25519Identity() };
  const recipient = generateX25519Identity();
  const kid = '0123456789abcdef';
  const cli = join(repo, 'apps/cli/dist/main.js');
  const ours: number[] = [];
  const theirs: number[] = [];
  const seal: { seconds: number; peakGrowthMb: number }[] = [];
  const opened: { seconds: number; peakGrowthMb: number }[] = [];
  for (let run = 0; run <= runs; run += 1) {
    const a = timed('age', ['-r', recipient.recipient, '-o', join(dir, 'age.out'), input]);
    const b = timed(process.execPath, [
      cli,
      'age',
      'encrypt',
      '--to',
      recipient.recipient,
      '--in',
      input,
      '--out',
      join(dir, 'cds.out'),
    ]);
    const messageId = createIdGenerator().next();
    const sealed = join(dir, 'payload.age');
    let digest = { size: 0, sha256: '' };
    const s = await sampled(async () => {
      const payload = sealPayload({
        messageId,
        sender: { kid, privateJwk: sender.privateJwk, ageRecipient: sender.age.recipient },
        recipients: [recipient.recipient],
        attachments: [
          {
            displayName: 'data.bin',
            mediaType: 'application/octet-stream',
            size: bytes,
            sha256,
            open: () => createReadStream(input, { highWaterMark: MIB }),
          },
        ],
      });
      await pipeline(payload.stream, createWriteStream(sealed, { highWaterMark: 4 * MIB }));
      digest = await payload.done;
    });
    const o = await sampled(async () => {
      await openPayload({
        payload: createReadStream(sealed, { highWaterMark: MIB }),
        identities: [{ kind: 'x25519', identity: recipient.identity }],
        expected: { messageId, senderPublicJwk: sender.publicJwk, payload: digest },
        sink: async (_attachment, content) =>
          pipeline(content, createWriteStream(join(dir, 'opened.bin'), { highWaterMark: 4 * MIB })),
      });
    });
    if (run === 0) continue; // warm-up round
    theirs.push(a);
    ours.push(b);
    seal.push(s);
    opened.push(o);
  }
  const openedSize = (await stat(join(dir, 'opened.bin'))).size;
  if (openedSize !== bytes) throw new Error(`opened ${openedSize} bytes, expected ${bytes}`);
  const figures = {
    ageMBps: mbps(median(theirs)),
    cdsMBps: mbps(median(ours)),
    sealMBps: mbps(median(seal.map((r) => r.seconds))),
    openMBps: mbps(median(opened.map((r) => r.seconds))),
    peakRssMb: Math.max(...seal.map((r) => r.peakGrowthMb), ...opened.map((r) => r.peakGrowthMb)),
  };
  const ratio = figures.cdsMBps / figures.ageMBps;
  console.log(`envelope bench, ${sizeMib} MiB, median of ${runs} interleaved runs`);
  console.log(`  age -r            ${figures.ageMBps.toFixed(0)} MB/s`);
  console.log(
    `  cds age encrypt   ${figures.cdsMBps.toFixed(0)} MB/s  (${ratio.toFixed(2)}× age; bar 0.80×)`,
  );
  console.log(`  seal (full)       ${figures.sealMBps.toFixed(0)} MB/s`);
  console.log(`  open (full)       ${figures.openMBps.toFixed(0)} MB/s`);
  console.log(`  streaming peak RSS growth ${figures.peakRssMb.toFixed(0)} MB (bar < 200 MB)`);
  const commit =
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo }).stdout.toString().trim() || 'unknown';
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  // The test run's smoke pass checks that the bench works; only deliberate runs are recorded.
  if (!process.argv.includes('--no-record'))
    await recordRow(
      join(repo, 'docs/performance.md'),
      'Envelope (`npm run bench:envelope`)',
      [
        'date',
        'commit',
        'size',
        'age -r MB/s',
        'cds age encrypt MB/s',
        'ratio',
        'seal MB/s',
        'open MB/s',
        'peak RSS growth MB',
      ],
      [
        date,
        commit,
        `${sizeMib} MiB`,
        ...[figures.ageMBps, figures.cdsMBps].map((v) => v.toFixed(0)),
        ratio.toFixed(2),
        ...[figures.sealMBps, figures.openMBps, figures.peakRssMb].map((v) => v.toFixed(0)),
      ],
    );
} finally {
  await rm(dir, { recursive: true, force: true });
}
