import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDatabase,
  createRepositories,
  migrateToLatest,
  type NodeDatabase,
  type NodeRepositories,
} from '@cds/db';
import { createIdGenerator } from '@cds/platform';
import { createKeyringContext, type KeyringContext } from '../keyring-context.js';
import { DEFAULT_SCHOOL_KEY_POLICY } from '../school-key-policy.js';

export const T0 = Date.parse('2026-09-01T00:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;

export interface KeysFixture {
  readonly context: KeyringContext;
  readonly repos: NodeRepositories;
  readonly clock: { now(): number; set(ms: number): void; advance(ms: number): void };
  readonly dir: string;
  close(): Promise<void>;
}

/** A real SQLite node database and keys directory; scrypt at logN 10 so tests stay fast. */
export async function keysFixture(party = '123456'): Promise<KeysFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'cds-keys-'));
  await mkdir(join(dir, 'keys'), { mode: 0o700 });
  const database = createDatabase<NodeDatabase>({ kind: 'sqlite', file: join(dir, 'cds.sqlite') });
  await migrateToLatest(database.db, 'node');
  const repos = createRepositories(database.db);
  let now = T0;
  const clock = {
    now: () => now,
    set: (ms: number) => void (now = ms),
    advance: (ms: number) => void (now += ms),
  };
  const base = createKeyringContext({
    party,
    keysDir: join(dir, 'keys'),
    clock,
    ids: createIdGenerator(() => now),
    history: repos.keyChanges,
    events: repos.securityEvents,
    guardStore: repos.schoolKeyGuard,
    policy: DEFAULT_SCHOOL_KEY_POLICY,
  });
  const close = async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { context: { ...base, scryptLogN: 10 }, repos, clock, dir, close };
}

export function key(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
