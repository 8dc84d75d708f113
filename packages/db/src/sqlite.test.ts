import { sql } from 'kysely';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import { repositoryContract } from './testing/contract.js';
import { sqliteTestDatabases } from './testing/databases.js';

repositoryContract('repositories on SQLite', sqliteTestDatabases);

describe('SQLite connection settings', () => {
  let dir: Promise<string>;
  // Made in a hook, not at collection, so a filtered run that skips this block leaves nothing.
  beforeAll(() => {
    dir = mkdtemp(join(tmpdir(), 'cds-db-pragma-'));
  });
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  const pragma = async (handle: ReturnType<typeof createDatabase>, name: string) => {
    const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(handle.db);
    return rows[0]?.[name] ?? rows[0]?.['timeout'];
  };

  it('uses WAL, FULL sync, foreign keys and a busy timeout by default (SPEC §4)', async () => {
    const handle = createDatabase({ kind: 'sqlite', file: join(await dir, 'default.sqlite') });
    try {
      expect(await pragma(handle, 'journal_mode')).toBe('wal');
      expect(await pragma(handle, 'synchronous')).toBe(2); // FULL
      expect(await pragma(handle, 'foreign_keys')).toBe(1);
      expect(await pragma(handle, 'busy_timeout')).toBe(5000);
    } finally {
      await handle.close();
    }
  });

  it('lets a caller choose NORMAL sync for data not acknowledged to anyone', async () => {
    const handle = createDatabase({
      kind: 'sqlite',
      file: join(await dir, 'normal.sqlite'),
      synchronous: 'NORMAL',
    });
    try {
      expect(await pragma(handle, 'synchronous')).toBe(1); // NORMAL
    } finally {
      await handle.close();
    }
  });
});

describe('createDatabase', () => {
  it('reports a database it cannot open as unavailable', () => {
    expect(() =>
      createDatabase({ kind: 'sqlite', file: join(tmpdir(), 'no-such-dir-cds', 'x.sqlite') }),
    ).toThrow(expect.objectContaining({ code: 'db.unavailable' }));
  });

  it('refuses a PostgreSQL schema name it would have to quote', () => {
    expect(() =>
      createDatabase({ kind: 'postgres', url: 'postgres://127.0.0.1/x', schema: 'a; drop' }),
    ).toThrow(expect.objectContaining({ code: 'config.invalid' }));
  });
});
