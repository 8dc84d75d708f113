import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { AppError } from '@cds/domain';
import { dialectOf } from '../database.js';
import type { Role } from '../schema.js';
import { hubMigrations } from './hub.js';
import { nodeMigrations } from './node.js';

export { hubMigrations, nodeMigrations };

export function migrationsFor(role: Role): Readonly<Record<string, Migration>> {
  return role === 'hub' ? hubMigrations : nodeMigrations;
}

async function migratorFor<DB>(
  db: Kysely<DB>,
  migrations: Readonly<Record<string, Migration>>,
): Promise<Migrator> {
  // Kysely looks for its bookkeeping table in every schema it can see unless told which one,
  // so on PostgreSQL a second schema in the same database would find the first one's table.
  // Pin it to the schema this connection actually writes to.
  let migrationTableSchema: string | undefined;
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
    if (migrationTableSchema === undefined) {
      throw new AppError('db.migration_failed', { detail: 'no current schema (check search_path)' });
    }
  }
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
    // Migrations are numbered per feature and never depend on a later number, so a data directory
    // created before a lower-numbered one landed (0006 after 0009 existed) still migrates.
    allowUnorderedMigrations: true,
    ...(migrationTableSchema !== undefined ? { migrationTableSchema } : {}),
  });
}

/**
 * On PostgreSQL, Kysely already runs a migration batch in one transaction under an advisory lock.
 * On SQLite it does neither (it assumes one connection in one process), yet a node's CLI and
 * server may open the same file. BEGIN IMMEDIATE takes the write lock up front, so a second
 * process waits and then finds nothing to do, and a failed migration leaves no half-built schema.
 * Kysely's SQLite dialect has a single connection, so the statements the migrator issues in
 * between all run inside this transaction; nothing else may use the database meanwhile.
 */
async function exclusively<DB, T>(db: Kysely<DB>, run: () => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return run();
  await sql`begin immediate`.execute(db);
  try {
    const result = await run();
    await sql`commit`.execute(db);
    return result;
  } catch (error) {
    await sql`rollback`.execute(db).catch(() => {});
    throw error;
  }
}

/** Applies `migrations` in name order; exported for tests, use migrateToLatest. */
export async function applyMigrations<DB>(
  db: Kysely<DB>,
  migrations: Readonly<Record<string, Migration>>,
): Promise<string[]> {
  return exclusively(db, async () => {
    const migrator = await migratorFor(db, migrations);
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      const reason = error instanceof Error ? error.message : 'unknown error';
      throw new AppError(
        'db.migration_failed',
        { detail: failed ? `${failed}: ${reason}` : reason },
        { cause: error },
      );
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  });
}

/**
 * Applies every pending migration of the role, all or nothing. Returns the names applied (empty
 * when already up to date). A database of the other role fails here: its applied migrations are
 * unknown to this role's list.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, role: Role): Promise<string[]> {
  return applyMigrations(db, migrationsFor(role));
}

/** Names of the role's migrations not yet applied, in order. */
export async function pendingMigrations<DB>(db: Kysely<DB>, role: Role): Promise<string[]> {
  const migrator = await migratorFor(db, migrationsFor(role));
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
