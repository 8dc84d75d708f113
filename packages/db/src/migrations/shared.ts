import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/*
 * Migrations take Kysely<any> on purpose: a migration describes the schema as it was at that
 * point in history and must not change when today's table types do.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

/** A 0/1 column: SQLite has no boolean type, and PG's would come back as true/false. */
export function booleanColumn(name: string) {
  return (col: ColumnDefinitionBuilder) =>
    col
      .notNull()
      .defaultTo(0)
      .check(sql`${sql.ref(name)} in (0, 1)`);
}

/** Settings and leases exist in both roles. */
export async function createSharedTables(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('holder', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function dropSharedTables(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('leases').execute();
  await db.schema.dropTable('settings').execute();
}
