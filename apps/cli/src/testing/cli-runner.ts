/**
 * A forked process that runs `cds` commands one after another in-process, for test files that run
 * dozens of commands: each command still goes through the real program (argument parsing, output,
 * exit codes), but Node's start-up and module loading are paid once per file instead of per command,
 * which on two loaded cores was most of the unit phase. See `runCliFast` in cli-harness.ts.
 */
import { CommanderError } from 'commander';
import { buildProgram } from '../program.js';
import { reportError } from '../output.js';

interface Call {
  readonly id: number;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

const baseEnv = { ...process.env };

async function run(call: Call): Promise<{ code: number; stdout: string; stderr: string }> {
  // The environment of this call only: what a fresh process started with these variables would see.
  for (const key of Object.keys(process.env)) if (!(key in baseEnv)) delete process.env[key];
  Object.assign(process.env, baseEnv);
  for (const [key, value] of Object.entries(call.env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  let stdout = '';
  let stderr = '';
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = (chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  };
  process.stderr.write = (chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  };
  process.exitCode = 0;
  try {
    await buildProgram().parseAsync(['node', 'cds', ...call.args]);
  } catch (error) {
    process.exitCode = error instanceof CommanderError ? (error.exitCode === 0 ? 0 : 2) : reportError(error);
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout, stderr };
}

// One command at a time, in the order asked: commands share this process's environment.
let queue: Promise<unknown> = Promise.resolve();
process.on('message', (call: Call) => {
  queue = queue.then(async () => process.send?.({ id: call.id, ...(await run(call)) }));
});
// The test file's process went away: so does this one.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
