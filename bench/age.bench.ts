/**
 * Throughput of our age encryption (encryptFile, as `cds age encrypt` runs it, and encryptStream, as the
 * envelope does) against the age CLI, file to file on the same page-cached input.
 *   node --conditions=@cds/source --import tsx bench/age.bench.ts [--smoke] [--size-mib N] [--runs N]
 * Default 1 GiB (--smoke: 16 MiB); after one untimed warm-up round, the median of interleaved runs, so
 * both sides see the same machine state (page cache, writeback, other load).
 */
// bench/ has no tsconfig (ESLint lints it in its default project), so Node's types are named here.
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { encryptFile, encryptStream, generateX25519Identity } from '@cds/crypto';

const AGE = '/usr/bin/age';
const MIB = 1024 * 1024;
const READ_BYTES = MIB;
const WRITE_BUFFER_BYTES = 4 * MIB;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const smoke = process.argv.includes('--smoke');
const sizeMib = Number(option('--size-mib') ?? (smoke ? 16 : 1024));
const runs = Number(option('--runs') ?? 5);

async function generate(path: string, bytes: number): Promise<void> {
  const file = await open(path, 'w');
  const block = randomBytes(MIB);
  for (let written = 0; written < bytes; written += MIB) {
    // Vary each block cheaply so nothing downstream can take shortcuts on repeated data.
    block.writeUInt32BE(written / MIB, 0);
    await file.write(block, 0, Math.min(MIB, bytes - written));
  }
  await file.close();
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: READ_BYTES }), hash);
  return hash.digest('hex');
}

type Ours = (input: string, output: string, recipient: string) => Promise<number>;

const viaStream: Ours = async (input, output, recipient) => {
  const start = process.hrtime.bigint();
  await pipeline(
    createReadStream(input, { highWaterMark: READ_BYTES }),
    encryptStream([{ kind: 'x25519', recipient }]),
    // A few MiB of write-behind lets encryption of the next piece overlap the previous write.
    createWriteStream(output, { highWaterMark: WRITE_BUFFER_BYTES }),
  );
  return Number(process.hrtime.bigint() - start) / 1e9;
};

const viaFile: Ours = async (input, output, recipient) => {
  const start = process.hrtime.bigint();
  await encryptFile([{ kind: 'x25519', recipient }], input, output);
  return Number(process.hrtime.bigint() - start) / 1e9;
};

function theirs(input: string, output: string, recipient: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(AGE, ['-r', recipient, '-o', output, input], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`age exited with ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

interface Comparison {
  readonly ours: number[];
  readonly age: number[];
}

/** Interleaved runs after one untimed round each (our JIT warms up; age is compiled ahead of time). */
async function compare(
  ours: Ours,
  input: string,
  output: (who: string) => string,
  recipient: string,
): Promise<Comparison> {
  const result: Comparison = { ours: [], age: [] };
  await ours(input, output('ours'), recipient);
  theirs(input, output('theirs'), recipient);
  for (let i = 0; i < runs; i++) {
    result.ours.push(await ours(input, output('ours'), recipient));
    result.age.push(theirs(input, output('theirs'), recipient));
  }
  return result;
}

function report(title: string, bytes: number, { ours: ourTimes, age: ageTimes }: Comparison): void {
  const mbps = (seconds: number): number => bytes / 1e6 / seconds;
  const times = (values: number[]): string => values.map((t) => t.toFixed(2)).join(' ');
  const ourMbps = mbps(median(ourTimes));
  const ageMbps = mbps(median(ageTimes));
  console.log(title);
  console.log(`  @cds/crypto:  ${ourMbps.toFixed(0)} MB/s  (${times(ourTimes)} s)`);
  console.log(`  age -r:       ${ageMbps.toFixed(0)} MB/s  (${times(ageTimes)} s)`);
  console.log(`  ratio ours / age: ${(ourMbps / ageMbps).toFixed(2)}×`);
}

const dir = await mkdtemp(join(tmpdir(), 'cds-age-bench-'));
try {
  const input = join(dir, 'plain.bin');
  const bytes = sizeMib * MIB;
  await generate(input, bytes);
  const plainHash = await sha256File(input); // also warms the page cache
  const { identity, recipient } = generateX25519Identity();
  console.log(`input ${sizeMib} MiB (${bytes} bytes), median of ${runs} interleaved runs, ${AGE}`);
  const toFile = (who: string): string => join(dir, `${who}.age`);
  report('encryptStream, file to file:', bytes, await compare(viaStream, input, toFile, recipient));
  // The same without the disk writes, to show the cipher path apart from writeback noise.
  report(
    'encryptStream, file to /dev/null:',
    bytes,
    await compare(viaStream, input, () => '/dev/null', recipient),
  );
  // Last, so ours.age (checked below) is encryptFile's output.
  report('encryptFile, file to file:', bytes, await compare(viaFile, input, toFile, recipient));

  const keyFile = join(dir, 'key.txt');
  await writeFile(keyFile, `${identity}\n`, { mode: 0o600 });
  const check = spawnSync(AGE, ['-d', '-i', keyFile, '-o', join(dir, 'check.bin'), join(dir, 'ours.age')]);
  const verified = check.status === 0 && (await sha256File(join(dir, 'check.bin'))) === plainHash;
  const size = (await stat(join(dir, 'ours.age'))).size;
  console.log(`our output (${size} bytes) opens with age -d to the same SHA-256: ${verified ? 'yes' : 'NO'}`);
  if (!verified) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
