import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** The demo's logins and School Keys (scripts/demo-participants.mjs), accepted because CDS_DEMO=1. */
export const DEMO_PASSWORD = 'Demo-Pass-2026!';
export const demoSchoolKey = (party: string): string => `Demo-Key-${party}-2026`;

const PORTS: Readonly<Record<string, number>> = {
  hub: 8700,
  '123456': 8701,
  '654321': 8702,
  '111111': 8703,
  EDB: 8710,
  HKEAA: 8711,
};

export interface World {
  /** The web app of a participant (`hub`, `123456`, `654321`, `111111`, `EDB`, `HKEAA`). */
  url(party: string): string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * A whole CDS world for browser specs: `npm start`'s demo (hub, schools 123456 / 654321 / 111111,
 * EDB and HKEAA, registered, demo users, EDB and HKEAA cycling every 10 s, their seeded circular and
 * TSA parameter file queued) on ports shifted by `offset` (never 8700–8711) and a fresh data
 * directory. Keyrings use a cheap scrypt cost (test hooks), so it is ready in seconds rather than
 * a minute. Needs the compiled code and web app (`npm run build`). Stop it in `afterAll`.
 */
export async function startDemoWorld(offset: number): Promise<World> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cds-world-'));
  const child: ChildProcess = spawn(process.execPath, [join(repo, 'scripts/demo.mjs')], {
    cwd: repo,
    env: {
      ...process.env,
      CDS_DATA_DIR: dataDir,
      CDS_DEMO_PORT_OFFSET: String(offset),
      CDS_LOG_LEVEL: 'warn',
      CDS_TEST_HOOKS: '1',
      CDS_TEST_SCRYPT_LOGN: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo world not ready in 150 s:\n${output}`)), 150_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('demo preparation failed')) reject(new Error(output));
      if (output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`demo exited ${code}:\n${output}`)));
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    dataDir,
    url: (party) => {
      const port = PORTS[party];
      if (port === undefined) throw new Error(`no demo participant ${party}`);
      return `http://127.0.0.1:${port + offset}`;
    },
    async stop() {
      // The demo forwards SIGINT to its children and waits for them; SIGKILL only if that hangs.
      child.kill('SIGINT');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
