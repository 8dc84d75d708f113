/**
 * Drives the Debian age CLI for interop tests. age reads passphrases only from a terminal, so those
 * runs go through script(1), which gives it a pseudo-terminal; each passphrase is typed when its prompt
 * appears (never in argv or env).
 */
import { spawn, spawnSync } from 'node:child_process';

export const AGE = '/usr/bin/age';
export const AGE_KEYGEN = '/usr/bin/age-keygen';

export function runAge(args: string[]): void {
  const result = spawnSync(AGE, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`age ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
}

const quote = (arg: string): string => `'${arg.replaceAll("'", `'\\''`)}'`;

/** Runs age under a pseudo-terminal, answering each passphrase prompt; resolves with the exit code. */
export function runAgeWithPassphrase(
  args: string[],
  passphrase: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', [AGE, ...args].map(quote).join(' '), '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let answered = 0;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const prompts = (output.match(/passphrase[^:\n]*:/gi) ?? []).length;
      while (answered < prompts) {
        answered++;
        child.stdin.write(`${passphrase}\n`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code: code ?? -1, output });
    });
  });
}
