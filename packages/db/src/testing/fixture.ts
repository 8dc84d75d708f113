import { afterEach, beforeEach } from 'vitest';
import type { DatabaseHandle, Dialect } from '../database.js';
import { migrateToLatest } from '../migrations/index.js';
import { createRepositories, type NodeRepositories } from '../repositories.js';
import type { NodeDatabase } from '../schema.js';
import type { TestDatabase, TestDatabases } from './databases.js';

export interface Fixture {
  readonly kind: Dialect;
  readonly database: TestDatabase;
  readonly handle: DatabaseHandle<NodeDatabase>;
  readonly repos: NodeRepositories;
}

/** Gives each test of the enclosing describe its own freshly migrated node database. */
export function useMigratedNodeDatabase(databases: TestDatabases): () => Fixture {
  let current: Fixture | undefined;
  beforeEach(async () => {
    const database = await databases.fresh();
    await migrateToLatest(database.handle.db, 'node');
    current = {
      kind: databases.kind,
      database,
      handle: database.handle,
      repos: createRepositories(database.handle.db),
    };
  });
  afterEach(() => {
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('fixture used outside a test');
    return current;
  };
}
