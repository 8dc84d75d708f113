import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
// The compiled CLI, kept current by the vitest global setup (tsc -b).
const NODE_ARGS = [fileURLToPath(new URL('../../dist/main.js', import.meta.url))];

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cds` as a user would (a real process), from the repository root. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
      cwd: repo,
      env: { ...process.env, CDS_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

/** A long-running `cds … start`; resolves once /healthz answers. */
export async function startCli(
  args: readonly string[],
  url: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ChildProcess & { output: () => string }> {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
    cwd: repo,
    env: { ...process.env, CDS_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return Object.assign(child, { output: () => output });
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`not healthy within 20 s: ${output}`);
}

export function waitExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

/** A free loopback port outside the demo range 8700–8711 (SPEC §11: tests never use those). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((done, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const value = typeof address === 'object' && address ? address.port : 0;
        server.close(() => done(value));
      });
    });
    if (port < 8700 || port > 8711) return port;
  }
}

let runner: ChildProcess | undefined;
let nextCall = 1;
const waiting = new Map<number, (result: CliResult) => void>();

function cliRunner(): ChildProcess {
  if (runner && runner.exitCode === null && runner.signalCode === null) return runner;
  const child = fork(fileURLToPath(new URL('../../dist/testing/cli-runner.js', import.meta.url)), [], {
    cwd: repo,
    env: { ...process.env, CDS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Not the test worker's own flags (its loader and source conditions): the compiled CLI, as users run it.
    execArgv: [],
  });
  child.on('message', (reply: CliResult & { id?: number }) => {
    if (reply.id === undefined) return;
    waiting.get(reply.id)?.({ code: reply.code, stdout: reply.stdout, stderr: reply.stderr });
    waiting.delete(reply.id);
  });
  child.on('exit', (code, signal) => {
    for (const done of waiting.values())
      done({ code: code ?? 1, stdout: '', stderr: `cli runner exited (${signal ?? code})` });
    waiting.clear();
  });
  // The runner must not keep the test process alive once its tests are done.
  child.unref();
  child.channel?.unref();
  runner = child;
  return child;
}

/**
 * `cds` as runCli runs it, but inside one long-lived process per test file (cli-runner.ts): for
 * files that run many commands. Commands that must die at a crash point (CDS_FAULT_POINT) or read
 * stdin still get a process of their own, as does everything that tests the process itself
 * (cli.test.ts uses runCli throughout).
 */
export function runCliFast(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  if (env['CDS_FAULT_POINT'] !== undefined) return runCli(args, env);
  const child = cliRunner();
  const id = nextCall++;
  return new Promise((done) => {
    waiting.set(id, done);
    child.channel?.ref();
    child.send({ id, args, env: { CDS_LOG_LEVEL: 'warn', ...env } }, (error) => {
      if (error) {
        waiting.delete(id);
        done({ code: 1, stdout: '', stderr: String(error) });
      }
    });
  }).finally(() => {
    if (waiting.size === 0) child.channel?.unref();
  }) as Promise<CliResult>;
}
