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

async function migratorFor<DB>(db: Kysely<DB>, role: Role): Promise<Migrator> {
  // Kysely looks for its bookkeeping table in every schema it can see unless told which one,
  // so on PostgreSQL a second schema in the same database would find the first one's table.
  // Pin it to the schema this connection actually writes to.
  let migrationTableSchema: string | undefined;
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
    if (migrationTableSchema === undefined) {
      throw new AppError('db.migration_failed', { detail: 'no current schema (check search_path)' });
    }
  }
  const migrations = migrationsFor(role);
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
    ...(migrationTableSchema !== undefined ? { migrationTableSchema } : {}),
  });
}

/**
 * Applies every pending migration of the role, in one transaction where the dialect allows.
 * Returns the names applied (empty when already up to date). A database of the other role
 * fails here: its applied migrations are unknown to this role's list.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, role: Role): Promise<string[]> {
  const migrator = await migratorFor(db, role);
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('db.migration_failed', { detail: failed ? `${failed}: ${reason}` : reason }, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of the role's migrations not yet applied, in order. */
export async function pendingMigrations<DB>(db: Kysely<DB>, role: Role): Promise<string[]> {
  const migrator = await migratorFor(db, role);
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
