import { fork, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WorkerReply } from './worker.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
/** Inside the repository's node_modules, so the compiled worker resolves @cds/* to their dist. */
const compiled = join(repo, 'node_modules', '.cache', 'cds-faults', 'worker.mjs');

/**
 * Bundles worker.ts with the packages' code into one file, once per run. A worker is restarted
 * after every kill, and loading ~1,000 separate modules cost twice the CPU of one bundle; tsx would
 * cost seconds more. Native addons stay external. The file sits three levels under the repository
 * root, as each package's dist does, so `import.meta.url`-relative reads (the version) still resolve.
 */
export async function compileWorker(): Promise<string> {
  await mkdir(join(compiled, '..'), { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: compiled,
    external: ['better-sqlite3', 'pg-native', '@node-rs/*'],
    // Every kill means a fresh start that parses the bundle again: half the bytes, a third less start-up.
    minify: true,
    keepNames: true,
    banner: {
      js: "import { createRequire as __cdsRequire } from 'node:module'; const require = __cdsRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return compiled;
}

/** A worker died under a request: by SIGKILL at its armed crash point, or otherwise. */
export class WorkerDied extends Error {
  constructor(
    readonly signal: NodeJS.Signals | null,
    readonly armed: string | null,
  ) {
    super(`worker died (${signal ?? 'exit'}) with ${armed ?? 'no point'} armed`);
  }
}

/**
 * One worker process; `call` sends an operation and waits for its answer. When the process dies,
 * every pending call fails with WorkerDied and `restart` brings up a fresh one.
 */
export class Worker {
  #child: ChildProcess | undefined;
  #next = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #armed: string | null = null;
  #stopping = false;
  /** The replacement started the moment a worker was killed, so its start-up overlaps other work. */
  #respawning: Promise<void> | null = null;
  /** Crash points this worker died at since the harness last looked. */
  readonly hits: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get alive(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  async start(): Promise<void> {
    const child = fork(compiled, [], {
      env: { ...process.env, CDS_TEST_HOOKS: '1', CDS_LOG_LEVEL: 'silent', ...this.env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: process.env['CDS_FAULT_PROF']
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['CDS_FAULT_PROF']}`]
        : [],
    });
    this.#child = child;
    this.#armed = null;
    const ready = new Promise<void>((resolve, reject) => {
      this.#pending.set(0, { resolve: () => resolve(), reject });
    });
    child.on('message', (reply: WorkerReply) => {
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else
        waiter.reject(
          Object.assign(new Error(reply.error?.message), { code: reply.error?.code ?? 'unknown' }),
        );
    });
    // A send that races the child's death fails through its callback (see call); nothing else may
    // reach 'error' unhandled and take the whole harness down.
    child.on('error', () => undefined);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && this.#armed) this.hits.push(this.#armed);
      const died = new WorkerDied(signal, this.#armed);
      for (const waiter of this.#pending.values()) waiter.reject(died);
      this.#pending.clear();
      if (!this.#stopping) {
        this.#respawning = this.start().finally(() => (this.#respawning = null));
      }
    });
    await ready;
  }

  /** Waits for a replacement under way, or starts one. */
  async ensure(): Promise<void> {
    if (this.#respawning) await this.#respawning;
    if (!this.alive) await this.start();
  }

  async call<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.#respawning) await this.#respawning;
    const child = this.#child;
    if (!child || !this.alive) return Promise.reject(new WorkerDied(null, this.#armed));
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // The child can be dead before its 'exit' event has run (a peer saw its socket close first):
      // the write then fails with EPIPE, which is the same death the exit handler will report.
      child.send({ id, op, args }, (error) => {
        if (error && this.#pending.delete(id)) reject(new WorkerDied(null, this.#armed));
      });
    });
  }

  async arm(point: string | null): Promise<void> {
    await this.call('arm', { point });
    this.#armed = point;
  }

  /** Kills the worker at once (a power cut not at any named point); a replacement starts. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.#armed = null;
    child.kill('SIGKILL');
    await exited;
  }

  /** Closes everything the worker holds and lets it exit on its own. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#respawning) await this.#respawning.catch(() => undefined);
    const child = this.#child;
    if (!child || !this.alive) return;
    await this.call('close.all').catch(() => undefined);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    const timer = setTimeout(() => void this.kill(), 3_000);
    await exited;
    clearTimeout(timer);
  }
}
