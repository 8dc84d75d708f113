import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '@cds/domain';

export type DatabaseConfig =
  | {
      readonly kind: 'sqlite';
      readonly file: string;
      /** FULL (default) fsyncs every commit; SPEC §4 requires it for anything acknowledged to another party. */
      readonly synchronous?: 'FULL' | 'NORMAL';
    }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Puts this schema first on every connection's search_path (tests isolate themselves this way). */
      readonly schema?: string;
      readonly maxConnections?: number;
    };

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle<DB> {
  readonly db: Kysely<DB>;
  readonly kind: Dialect;
  /** Closes the SQLite file or ends the PostgreSQL pool. */
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Epoch milliseconds and sizes live in BIGINT columns; pg returns those as strings by default.
 * Converting is safe for every value we store, and we refuse silently rounding anything larger.
 */
function parseBigint(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new AppError('internal.unexpected', { detail: `bigint ${value} exceeds the safe integer range` });
  }
  return n;
}

let bigintParserInstalled = false;

function installBigintParser(): void {
  if (bigintParserInstalled) return;
  pg.types.setTypeParser(pg.types.builtins.INT8, parseBigint);
  bigintParserInstalled = true;
}

/** Opens a database and applies the per-connection settings; does not migrate. */
export function createDatabase<DB>(config: DatabaseConfig): DatabaseHandle<DB> {
  if (config.kind === 'sqlite') {
    let sqlite: BetterSqlite3.Database | undefined;
    try {
      sqlite = new BetterSqlite3(config.file);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma(`synchronous = ${config.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    } catch (error) {
      sqlite?.close();
      throw new AppError('db.unavailable', {}, { cause: error });
    }
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }

  installBigintParser();
  if (config.schema !== undefined && !SCHEMA_NAME.test(config.schema)) {
    throw new AppError('config.invalid', { detail: `schema name ${config.schema}` });
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.maxConnections ?? 10,
    // Set at connection start-up, so no query can ever run against the wrong schema.
    ...(config.schema !== undefined ? { options: `-c search_path=${config.schema}` } : {}),
  });
  // An idle client that loses its server emits 'error' on the pool; unhandled, that kills the
  // process. The pool discards the client and the next query reports the outage instead.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Which dialect a Kysely instance speaks; for the few places that must differ. */
export function dialectOf<DB>(db: Kysely<DB>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
