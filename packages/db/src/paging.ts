/**
 * List filters and keyset paging shared by both boxes, written as standard SQL fragments so the
 * same query runs on SQLite and PostgreSQL.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { AppError, type ListQuery } from '@cds/domain';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

interface CursorKey {
  readonly at: number;
  readonly id: string;
}

/** Opaque to callers; base64url keeps it safe in a query string. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string'
    ) {
      return { at: value[0] as number, id: value[1] };
    }
  } catch {
    // fall through: a malformed cursor is the caller's mistake, not ours
  }
  throw new AppError('usage.invalid_argument', { detail: 'invalid page cursor' });
}

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new AppError('usage.invalid_argument', { detail: `page size ${limit}` });
  }
  return Math.min(limit, MAX_PAGE_SIZE);
}

/**
 * `%text%` for LIKE with '!' as the escape character: a backslash would be read differently by
 * the two dialects' string literals, '!' means the same everywhere.
 */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export interface ListShape {
  /** The column the list is ordered by (descending), together with id. */
  readonly sortColumn: string;
  /** Columns the free-text search looks in. */
  readonly searchColumns: readonly string[];
  /** The condition for "the other party is `party`" on a row aliased `m`. */
  readonly party: (party: string) => RawBuilder<SqlBool>;
}

/** A column of the row being listed, which every list query aliases `m`. */
const col = (name: string) => sql.ref(`m.${name}`);

/**
 * WHERE conditions for a list query, on the message table aliased `m`. An empty or absent status
 * list means "any status". Free text is case-insensitive through lower() on both sides; SQLite's
 * lower() folds ASCII only, which is enough for codes, ids and English, and CJK text has no case.
 * "Description contains" and its keyset are the search module's (message-search.ts).
 */
export function listConditions<S extends string>(
  shape: ListShape,
  query: ListQuery<S>,
): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (query.status !== undefined && query.status.length > 0) {
    conditions.push(sql<SqlBool>`${col('status')} in (${sql.join([...query.status])})`);
  }
  if (query.archived !== undefined) {
    conditions.push(sql<SqlBool>`${col('archived')} = ${query.archived ? 1 : 0}`);
  }
  const text = query.text?.trim();
  if (text) {
    const pattern = containsPattern(text);
    const matches = shape.searchColumns.map((c) => sql`lower(${col(c)}) like ${pattern} escape '!'`);
    conditions.push(sql<SqlBool>`(${sql.join(matches, sql` or `)})`);
  }
  if (query.subject !== undefined) conditions.push(sql<SqlBool>`${col('subject')} = ${query.subject}`);
  if (query.type !== undefined) conditions.push(sql<SqlBool>`${col('type')} = ${query.type}`);
  if (query.party !== undefined) conditions.push(shape.party(query.party));
  // Only the outgoing box has an owner; the incoming box's callers never set it.
  if (query.owner !== undefined) conditions.push(sql<SqlBool>`${col('owner')} = ${query.owner}`);
  if (query.from !== undefined) conditions.push(sql<SqlBool>`${col(shape.sortColumn)} >= ${query.from}`);
  if (query.to !== undefined) conditions.push(sql<SqlBool>`${col(shape.sortColumn)} < ${query.to}`);
  return conditions;
}

/**
 * After the cursor in (sort column, id) descending order. Written as `at <= x and (at < x or id <
 * y)` rather than the plain OR, so the index on (…, at, id) can start its range at the cursor.
 */
export function afterCursor(shape: ListShape, cursor: string): RawBuilder<SqlBool> {
  const { at, id } = decodeCursor(cursor);
  const sort = col(shape.sortColumn);
  return sql<SqlBool>`(${sort} <= ${at} and (${sort} < ${at} or ${col('id')} < ${id}))`;
}
