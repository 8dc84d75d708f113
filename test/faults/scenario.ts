import { cp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../apps/cli/src/testing/cli-harness.js';
import { FAULT_POINTS, type FaultPointName } from './fault-points.js';
import { Observer } from './oracle.js';
import type { PgClones } from './pg-clones.js';
import { RoundRobinProxy } from './proxy.js';
import { PARTIES, type Template } from './template.js';
import { Worker, WorkerDied } from './workers.js';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Millisecond backoff and a short lease (renewed every 200 ms while a cycle runs): a crashed cycle
 * blocks its node for 0.6 s, not a minute.
 */
const CYCLE = { attempts: 3, delayMs: 2, leaseTtlMs: 600 };
const LEASE_POLL_MS = 100;
const MAX_ROUNDS = 10;
const TOLERATED_CYCLE_ERRORS = new Set([
  'transmission.already_running',
  'transmission.lease_lost',
  'transport.hub_unreachable',
]);

export interface ScenarioResult {
  readonly seed: number;
  readonly point: FaultPointName;
  readonly hits: readonly string[];
  readonly actions: readonly string[];
  readonly rounds: number;
  readonly violations: readonly string[];
}

/** The processes one lane reuses from scenario to scenario: hub instance(s), one node host, a proxy. */
export class Lane {
  readonly hubs: Worker[];
  readonly nodes = new Worker({});
  readonly proxy = new RoundRobinProxy();
  proxyPort = 0;

  constructor(instances: number) {
    this.hubs = Array.from({ length: instances }, () => new Worker({}));
  }

  async start(): Promise<void> {
    this.proxyPort = await this.proxy.listen();
    await Promise.all([...this.hubs, this.nodes].map((worker) => worker.start()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.hubs, this.nodes].map((worker) => worker.stop()));
    await this.proxy.close();
  }
}

const quietly = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => value,
    (error: unknown) =>
      error instanceof WorkerDied
        ? null
        : Promise.reject(error instanceof Error ? error : new Error(String(error))),
  );

/** Runs one seeded scenario: faults first, then the oracle's rounds, then the oracle's checks. */
export async function runScenario(
  lane: Lane,
  template: Template,
  root: string,
  seed: number,
  pg: PgClones | null,
): Promise<ScenarioResult> {
  const t0 = Date.now();
  const trace = (what: string) => {
    if (process.env['CDS_FAULT_TRACE']) process.stderr.write(`[${seed}] ${Date.now() - t0} ms ${what}\n`);
  };
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const point = FAULT_POINTS[seed % FAULT_POINTS.length]!;
  const dir = join(root, `s${seed}`);
  await cp(template.dir, dir, { recursive: true });
  const databaseUrl = pg ? await pg.clone(seed) : null;
  const hubDirs = lane.hubs.map((_, i) => join(dir, i === 0 ? 'hub' : `hub${i + 1}`));
  for (const [i, hubDir] of hubDirs.entries()) {
    if (i > 0) {
      // A second instance: same hub key, same database, the same blob directory.
      await cp(hubDirs[0]!, hubDir, { recursive: true });
      await rm(join(hubDir, 'blobs'), { recursive: true, force: true });
      await symlink(join(hubDirs[0]!, 'blobs'), join(hubDir, 'blobs'));
    }
    if (databaseUrl) {
      const config = JSON.parse(await readFile(join(hubDir, 'config.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      await writeFile(
        join(hubDir, 'config.json'),
        JSON.stringify({ ...config, database: { kind: 'postgres', url: databaseUrl } }),
      );
    }
  }
  for (const { party } of PARTIES) {
    const file = join(dir, party, 'config.json');
    const config = JSON.parse(await readFile(file, 'utf8')) as { hub: { urls: string[] } };
    config.hub.urls = [`http://127.0.0.1:${lane.proxyPort}`];
    await writeFile(file, JSON.stringify(config));
  }
  const ports = await Promise.all(lane.hubs.map(() => freePort()));
  lane.proxy.reset(ports);
  const actions: string[] = [];

  /** Brings back whatever a crash took down: the hub instances, then the node host with its nodes. */
  const ensureUp = async (): Promise<void> => {
    // A worker can die between the check and the call (its death seen by a peer before by us):
    // bring it back and start over, as an operator would.
    for (let attempt = 0; ; attempt++) {
      try {
        return await bringUp();
      } catch (error) {
        if (!(error instanceof WorkerDied) || attempt >= 5) throw error;
      }
    }
  };
  const bringUp = async () => {
    for (const [i, hub] of lane.hubs.entries()) {
      await hub.ensure();
      for (let attempt = 0; ; attempt++) {
        const started = await hub.call('hub.start', { dir: hubDirs[i], port: ports[i] }).then(
          () => true,
          (error: { code?: string }) => {
            if (error.code === 'datadir.locked') return true;
            // Another lane took the port while this instance was down: move it, as an operator would.
            if (error.code === 'usage.invalid_argument' && attempt < 3) return false;
            throw error;
          },
        );
        if (started) break;
        ports[i] = await freePort();
        lane.proxy.backends[i] = ports[i]!;
      }
    }
    await lane.nodes.ensure();
    for (const { party } of PARTIES)
      await lane.nodes.call('node.open', { name: party, dir: join(dir, party) });
  };
  const cycle = (party: string) =>
    quietly(
      lane.nodes.call('node.cycle', { name: party, ...CYCLE }).catch((error: { code?: string }) => {
        // A second cycle of the same node, one blocked by a crashed cycle's lease, or one whose hub
        // was just killed or is still restarting (the node reports it and stops), is not a fault.
        if (TOLERATED_CYCLE_ERRORS.has(error.code ?? '')) return null;
        throw error;
      }),
    );
  const resend = (party: string, statuses: string[]) =>
    quietly(lane.nodes.call('node.resend', { name: party, statuses }));

  trace('copied');
  await ensureUp();
  trace('up');
  const parties = PARTIES.map((p) => p.party);
  // Random actions around one forced pass (a school, EDB, the other school) that reaches every
  // crash point. The point is armed from the start until it is hit, so whichever step first gets
  // there (random or forced) dies at it: it is hit in nearly every scenario.
  const schools = random() < 0.5 ? ['100001', '100002'] : ['100002', '100001'];
  const pass = [schools[0], 'EDB', schools[1]] as string[];
  const plan: Array<string | null> = Array.from({ length: 1 + Math.floor(random() * 3) }, () => null);
  plan.splice(Math.floor(random() * (plan.length + 1)), 0, ...pass);
  const armed = point.process === 'hub' ? lane.hubs : [lane.nodes];
  for (const [step, forced] of plan.entries()) {
    if (step > 0) await ensureUp();
    if (!armed.some((worker) => worker.hits.length > 0)) {
      for (const worker of armed) await quietly(worker.arm(point.name));
    }
    trace(`step ${step} after ${actions.at(-1) ?? '-'}`);
    if (forced) {
      actions.push(`cycle ${forced}`);
      await cycle(forced);
      continue;
    }
    const roll = random();
    if (roll < 0.5) {
      const party = pick(parties);
      actions.push(`cycle ${party}`);
      await cycle(party);
    } else if (roll < 0.65) {
      const [a, b] = [pick(parties), pick(parties)];
      actions.push(`cycles ${a}+${b}`);
      await Promise.all([cycle(a), cycle(b)]);
    } else if (roll < 0.8) {
      const party = pick(parties);
      actions.push(`resend ${party}`);
      await resend(party, ['SENT', 'RECEIVED', 'SEND_FAIL']);
    } else if (roll < 0.88 && lane.proxy.recorded.length > 0) {
      const recorded = pick(lane.proxy.recorded);
      actions.push(`replay ${recorded.url.slice(-6)}`);
      await lane.proxy.replay(recorded);
    } else if (roll < 0.97) {
      actions.push('hub restart');
      for (const [i, hub] of lane.hubs.entries()) await quietly(hub.call('hub.stop', { dir: hubDirs[i] }));
    } else {
      const party = pick(parties);
      const victim = pick(lane.hubs);
      actions.push(`hub SIGKILL during cycle ${party}`);
      const running = cycle(party);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 40)));
      await victim.kill();
      await running;
    }
  }

  // The oracle (issue #6): no more faults; cycles everywhere and SEND_FAIL resent once per round,
  // until two rounds in a row change nothing.
  for (const worker of [...lane.hubs, lane.nodes]) {
    await worker.ensure();
    await quietly(worker.arm(null)); // a worker that died meanwhile restarts unarmed
  }
  const hits = [...lane.hubs, lane.nodes].flatMap((worker) => worker.hits.splice(0));
  await ensureUp();
  trace('faults done');
  const observer = new Observer(dir, databaseUrl);
  let rounds = 0;
  try {
    let before = await observer.snapshot();
    for (let quiet = 0; quiet < 2 && rounds < MAX_ROUNDS; rounds++) {
      trace(`round ${rounds}`);
      for (const party of parties) {
        let report = await cycle(party);
        // A cycle killed in the fault phase holds its lease until the lease expires.
        for (let wait = 0; report === null && wait * LEASE_POLL_MS < 3 * CYCLE.leaseTtlMs; wait++) {
          await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
          report = await cycle(party);
        }
      }
      for (const party of parties) await resend(party, ['SEND_FAIL']);
      const after = await observer.snapshot();
      quiet = after === before ? quiet + 1 : 0;
      before = after;
    }
    if (process.env['CDS_FAULT_TRACE']) {
      const cpu = await Promise.all([...lane.hubs, lane.nodes].map((worker) => worker.call<number>('cpu')));
      trace(`worker cpu totals ${cpu.map((c) => c.toFixed(2)).join(' ')} s`);
    }
    trace('checking');
    const violations = await observer.violations(template);
    trace('checked');
    if (rounds >= MAX_ROUNDS) violations.push(`did not settle within ${MAX_ROUNDS} rounds`);
    return { seed, point: point.name, hits, actions, rounds, violations };
  } finally {
    await observer.close();
    for (const worker of [...lane.hubs, lane.nodes]) await quietly(worker.call('close.all'));
    await pg?.drop(seed);
    await rm(dir, { recursive: true, force: true });
  }
}
