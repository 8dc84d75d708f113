import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Process-level tests run the compiled CLI (node apps/cli/dist/main.js starts in well under a second,
 * tsx takes two); an incremental `tsc -b` first keeps dist identical to the sources under test.
 */
export default function setup() {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${repo}node_modules/typescript/bin/tsc`, '-b'], {
    cwd: repo,
    stdio: 'inherit',
  });
}
