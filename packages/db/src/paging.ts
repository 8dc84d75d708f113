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
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export interface ListShape {
  /** The column the list is ordered by (descending), together with id. */
  readonly sortColumn: string;
  /** Columns the free-text search looks in. */
  readonly searchColumns: readonly string[];
}

/**
 * WHERE conditions for a list query. An empty or absent status list means "any status".
 * Search is case-insensitive through lower() on both sides; SQLite's lower() folds ASCII only,
 * which is enough for codes, ids and English, and CJK text has no case.
 */
export function listConditions<S extends string>(
  shape: ListShape,
  query: ListQuery<S>,
): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (query.status !== undefined && query.status.length > 0) {
    conditions.push(sql<SqlBool>`${sql.ref('status')} in (${sql.join([...query.status])})`);
  }
  if (query.archived !== undefined) {
    conditions.push(sql<SqlBool>`${sql.ref('archived')} = ${query.archived ? 1 : 0}`);
  }
  const text = query.text?.trim();
  if (text) {
    const pattern = containsPattern(text);
    const matches = shape.searchColumns.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '!'`);
    conditions.push(sql<SqlBool>`(${sql.join(matches, sql` or `)})`);
  }
  if (query.after) {
    const { at, id } = decodeCursor(query.after);
    const col = sql.ref(shape.sortColumn);
    const idCol = sql.ref('id');
    conditions.push(sql<SqlBool>`(${col} < ${at} or (${col} = ${at} and ${idCol} < ${id}))`);
  }
  return conditions;
}

/** Splits the limit+1 rows fetched into a page and the cursor of its last item. */
export function toPage<T>(
  rows: readonly T[],
  limit: number,
  key: (item: T) => CursorKey,
): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null };
}
