/**
 * The fault harness (issue #6): randomized crash scenarios against real hub and node code, each
 * judged by the exactly-once oracle. `npm run test:faults` (SQLite hub) and `-- --pg` (two hub
 * instances on one PostgreSQL database and one blob directory, behind a round-robin proxy).
 *
 *   CDS_FAULT_RUNS=N    scenarios (default 200 on SQLite, 54 on PostgreSQL)
 *   CDS_FAULT_LANES=N   scenarios run at once (default 3: a lane often waits on fsync)
 *   CDS_FAULT_SEED=S    replay exactly one scenario, as printed for a failure
 *   CDS_FAULT_DIR=D     where scenario data directories go (default /dev/shm when present)
 *   CDS_FAULT_TRACE=1   each scenario's steps with timings, and the workers' CPU, on stderr
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env['CDS_TEST_HOOKS'] = '1';
process.env['CDS_TEST_SCRYPT_LOGN'] ??= '10';
process.env['CDS_LOG_LEVEL'] ??= 'silent';

const { FAULT_POINTS } = await import('./fault-points.js');
const { Lane, runScenario } = await import('./scenario.js');
const { PgClones } = await import('./pg-clones.js');
const { buildTemplate } = await import('./template.js');
const { compileWorker } = await import('./workers.js');
type Result = Awaited<ReturnType<typeof runScenario>>;

const usePg = process.argv.includes('--pg');
const label = usePg ? 'PostgreSQL hub, two instances' : 'SQLite hub';
const pgUrl = process.env['CDS_TEST_PG_URL'];
if (usePg && !pgUrl) {
  if (process.env['CI'] === 'true') {
    process.stderr.write('faults --pg: CDS_TEST_PG_URL is not set (mandatory with CI=true)\n');
    process.exit(1);
  }
  process.stdout.write('faults --pg: skipped, CDS_TEST_PG_URL is not set\n');
  process.exit(0);
}
const replaySeed = process.env['CDS_FAULT_SEED'];
// PostgreSQL: the issue asks for 40; 54 arms every point six times, so one miss still leaves five hits.
const runs = replaySeed ? 1 : Number(process.env['CDS_FAULT_RUNS'] ?? (usePg ? 54 : 200));
const laneCount = replaySeed ? 1 : Number(process.env['CDS_FAULT_LANES'] ?? 3);
const baseSeed = replaySeed ? Number(replaySeed) : (Date.now() % 1_000_000) * 100;
const MIN_HITS = 5;

const started = Date.now();
await compileWorker();
// The scenarios kill processes, not the power: what a killed process wrote is in the page cache either
// way, so memory-backed storage (when the machine has it) tests the same thing without the fsync waits.
const root = await mkdtemp(
  join(process.env['CDS_FAULT_DIR'] ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir()), 'cds-faults-'),
);
const pg = usePg && pgUrl ? new PgClones(pgUrl) : null;
const template = await buildTemplate(root, pg ? await pg.template() : null);
process.stdout.write(
  `faults (${label}): template ready in ${((Date.now() - started) / 1000).toFixed(1)} s; ${runs} scenarios from seed ${baseSeed} on ${laneCount} lanes\n`,
);

const lanes = Array.from({ length: laneCount }, () => new Lane(usePg ? 2 : 1));
await Promise.all(lanes.map((lane) => lane.start()));
const results: Result[] = [];
let next = 0;
await Promise.all(
  lanes.map(async (lane) => {
    while (next < runs) {
      const seed = baseSeed + next++;
      try {
        results.push(await runScenario(lane, template, root, seed, pg));
      } catch (error) {
        const point = FAULT_POINTS[seed % FAULT_POINTS.length]!.name;
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        results.push({
          seed,
          point,
          hits: [],
          actions: [],
          rounds: 0,
          violations: [`harness error: ${detail}`],
        });
        // A lane whose processes are in an unknown state starts afresh.
        await lane.stop().catch(() => undefined);
        Object.assign(lane, new Lane(usePg ? 2 : 1));
        await lane.start();
      }
    }
  }),
);
await Promise.all(lanes.map((lane) => lane.stop()));
await pg?.close();
await rm(root, { recursive: true, force: true });

const seconds = (Date.now() - started) / 1000;
if (process.env['CDS_FAULT_TRACE'])
  process.stderr.write(`harness cpu ${JSON.stringify(process.cpuUsage())}\n`);
const failures = results.filter((result) => result.violations.length > 0);
process.stdout.write(
  `\n${'crash point'.padEnd(28)} ${'armed'.padStart(6)} ${'hit'.padStart(5)} ${'failed'.padStart(7)}\n`,
);
const short: string[] = [];
for (const { name } of FAULT_POINTS) {
  const armed = results.filter((result) => result.point === name);
  const hits = results.reduce((sum, result) => sum + result.hits.filter((hit) => hit === name).length, 0);
  const failed = armed.filter((result) => result.violations.length > 0).length;
  process.stdout.write(
    `${name.padEnd(28)} ${String(armed.length).padStart(6)} ${String(hits).padStart(5)} ${String(failed).padStart(7)}\n`,
  );
  if (hits < MIN_HITS) short.push(name);
}
const rounds = results.map((result) => result.rounds);
process.stdout.write(
  `\n${results.length} scenarios in ${seconds.toFixed(1)} s (${label}); oracle rounds ${Math.min(...rounds)}–${Math.max(...rounds)}; ${failures.length} failed\n`,
);
for (const failure of failures) {
  process.stdout.write(`\nFAILED seed ${failure.seed} (${failure.point}; ${failure.actions.join(', ')}):\n`);
  for (const violation of failure.violations.slice(0, 12)) process.stdout.write(`  - ${violation}\n`);
  process.stdout.write(
    `  replay: CDS_FAULT_SEED=${failure.seed} npm run test:faults${usePg ? ' -- --pg' : ''}\n`,
  );
}
if (!replaySeed && short.length > 0) {
  process.stdout.write(`\ncrash points hit fewer than ${MIN_HITS} times: ${short.join(', ')}\n`);
}
process.exit(failures.length === 0 && (replaySeed || short.length === 0) ? 0 : 1);
