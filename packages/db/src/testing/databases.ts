/**
 * Test databases for the contract suite: each test gets its own empty database (a SQLite file in
 * a temp directory, or a fresh PostgreSQL schema) and `cleanup` removes every trace afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, type DatabaseHandle, type Dialect } from '../database.js';
import type { NodeDatabase } from '../schema.js';

export interface TestDatabase {
  readonly handle: DatabaseHandle<NodeDatabase>;
  /** Opens another, independent connection (SQLite) or pool (PostgreSQL) to the same database. */
  connect(): DatabaseHandle<NodeDatabase>;
}

export interface TestDatabases {
  readonly kind: Dialect;
  /** A new, empty, unmigrated database. */
  fresh(): Promise<TestDatabase>;
  /** Closes every handle given out and removes the databases. */
  cleanup(): Promise<void>;
}

export function sqliteTestDatabases(): TestDatabases {
  let dir: Promise<string> | undefined;
  let count = 0;
  const handles: DatabaseHandle<NodeDatabase>[] = [];
  const open = (file: string) => {
    const handle = createDatabase<NodeDatabase>({ kind: 'sqlite', file });
    handles.push(handle);
    return handle;
  };
  return {
    kind: 'sqlite',
    async fresh() {
      dir ??= mkdtemp(join(tmpdir(), 'cds-db-test-'));
      const file = join(await dir, `test-${++count}.sqlite`);
      return { handle: open(file), connect: () => open(file) };
    },
    async cleanup() {
      await Promise.all(handles.splice(0).map((h) => h.close()));
      if (dir) await rm(await dir, { recursive: true, force: true });
    },
  };
}

export function postgresTestDatabases(url: string): TestDatabases {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const prefix = `cds_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  const schemas: string[] = [];
  const handles: DatabaseHandle<NodeDatabase>[] = [];
  let count = 0;
  const open = (schema: string) => {
    const handle = createDatabase<NodeDatabase>({ kind: 'postgres', url, schema });
    handles.push(handle);
    return handle;
  };
  return {
    kind: 'postgres',
    async fresh() {
      const schema = `${prefix}_${++count}`;
      await admin.query(`create schema ${schema}`);
      schemas.push(schema);
      return { handle: open(schema), connect: () => open(schema) };
    },
    async cleanup() {
      await Promise.all(handles.splice(0).map((h) => h.close()));
      for (const schema of schemas.splice(0)) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}
