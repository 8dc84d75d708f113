import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Env } from './test-hooks.js';

/** The fixed layout of one participant's data directory (SPEC §11). */
export interface DataDirLayout {
  readonly root: string;
  readonly database: string;
  readonly blobs: string;
  readonly keys: string;
  readonly config: string;
  readonly logs: string;
  readonly lock: string;
}

export function layoutOf(root: string): DataDirLayout {
  const abs = resolve(root);
  return {
    root: abs,
    database: join(abs, 'cds.sqlite'),
    blobs: join(abs, 'blobs'),
    keys: join(abs, 'keys'),
    config: join(abs, 'config.json'),
    logs: join(abs, 'logs'),
    lock: join(abs, 'server.lock'),
  };
}

/** `--data-dir DIR` wins; otherwise `--node CODE` means `${CDS_DATA_DIR:-./data}/CODE` (the hub: `hub`). */
export function resolveDataDir(
  options: { dataDir?: string | undefined; node?: string | undefined },
  env: Env = process.env,
): string | undefined {
  if (options.dataDir) return resolve(options.dataDir);
  if (options.node) return resolve(env['CDS_DATA_DIR'] || './data', options.node);
  return undefined;
}

export function defaultHubDataDir(env: Env = process.env): string {
  return resolve(env['CDS_DATA_DIR'] || './data', 'hub');
}

export async function ensureLayout(layout: DataDirLayout): Promise<void> {
  await mkdir(layout.root, { recursive: true });
  await mkdir(layout.blobs, { recursive: true });
  await mkdir(layout.keys, { recursive: true, mode: 0o700 });
  await mkdir(layout.logs, { recursive: true });
}

/** The database a participant uses: its own SQLite file unless the config names PostgreSQL. */
export function databaseTarget(
  database: { kind: 'sqlite' } | { kind: 'postgres'; url: string },
  layout: DataDirLayout,
): { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string } {
  return database.kind === 'sqlite' ? { kind: 'sqlite', file: layout.database } : database;
}
