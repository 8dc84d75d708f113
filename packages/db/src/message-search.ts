/**
 * The list query of both boxes (SPEC §6: search on every list, keyset paging), on SQLite and
 * PostgreSQL. Without a description filter a page walks (sort column, id) downwards through an
 * index. "Description contains" walks the trigram index instead, newest arrival first
 * (search_seq): FTS5 on SQLite reads its matches in rowid order and stops at a page, so a phrase in
 * every eighth row costs no more than a rare one; PostgreSQL uses its pg_trgm index the same way.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { AppError, type ListQuery } from '@cds/domain';
import { dialectOf } from './database.js';
import type { NodeDatabase } from './schema.js';
import {
  afterCursor,
  containsPattern,
  decodeCursor,
  encodeCursor,
  listConditions,
  pageSize,
  type ListShape,
} from './paging.js';

/** Trigrams need three characters; shorter text falls back to a scan in the same order. */
const TRIGRAM = 3;

export interface BoxShape extends ListShape {
  readonly table: 'outgoing_messages' | 'incoming_messages';
}

interface ListedRow {
  readonly id: string;
  readonly search_seq: number | null;
}

export interface RowPage<Row> {
  readonly rows: Row[];
  readonly next: string | null;
}

function encodeSeqCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ seq }), 'utf8').toString('base64url');
}

function decodeSeqCursor(cursor: string): number {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const seq = (value as { seq?: unknown } | null)?.seq;
    if (Number.isSafeInteger(seq)) return seq as number;
  } catch {
    // fall through: a malformed cursor is the caller's mistake
  }
  throw new AppError('usage.invalid_argument', { detail: 'invalid page cursor for a description search' });
}

/** FTS5 reads a double-quoted string as one phrase; with trigrams that is "contains". */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function where(conditions: RawBuilder<SqlBool>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`` : sql`and ${sql.join(conditions, sql` and `)}`;
}

async function byDescription<Row extends ListedRow>(
  db: Kysely<NodeDatabase>,
  shape: BoxShape,
  query: ListQuery<string>,
  text: string,
  limit: number,
): Promise<Row[]> {
  const conditions = listConditions(shape, query);
  const table = sql.table(shape.table);
  const seq = query.after ? decodeSeqCursor(query.after) : null;
  if (dialectOf(db) === 'sqlite' && [...text].length >= TRIGRAM) {
    const fts = sql.table(`${shape.table}_fts`);
    if (seq !== null) conditions.push(sql<SqlBool>`f.rowid < ${seq}`);
    const { rows } = await sql<Row>`select m.* from ${fts} f join ${table} m on m.search_seq = f.rowid
        where ${fts} match ${ftsPhrase(text)} ${where(conditions)}
        order by f.rowid desc limit ${limit + 1}`.execute(db);
    return rows;
  }
  if (seq !== null) conditions.push(sql<SqlBool>`m.search_seq < ${seq}`);
  const { rows } = await sql<Row>`select m.* from ${table} m
      where lower(m.description) like ${containsPattern(text)} escape '!' ${where(conditions)}
      order by m.search_seq desc limit ${limit + 1}`.execute(db);
  return rows;
}

/** One page of a box's list, newest first, with the cursor of the next page (null at the end). */
export async function listRows<Row extends ListedRow>(
  db: Kysely<NodeDatabase>,
  shape: BoxShape,
  query: ListQuery<string>,
  sortKey: (row: Row) => number,
): Promise<RowPage<Row>> {
  const limit = pageSize(query.limit);
  const text = query.description?.trim();
  let rows: Row[];
  let cursorOf: (row: Row) => string;
  if (text) {
    rows = await byDescription<Row>(db, shape, query, text, limit);
    cursorOf = (row) => encodeSeqCursor(row.search_seq ?? 0);
  } else {
    // SQLite ranges an index on one upper bound only; with `to` and the cursor both there, it could
    // start at `to` and filter its way down to the cursor (page 500 reading 25,000 rows). The
    // cursor's bound implies `to` once past the first page, so `to` is left out then.
    const cursorAt = query.after ? decodeCursor(query.after).at : null;
    const bounded =
      cursorAt !== null && query.to !== undefined && cursorAt < query.to
        ? { ...query, to: undefined }
        : query;
    const conditions = listConditions(shape, bounded);
    if (query.after) conditions.push(afterCursor(shape, query.after));
    const at = sql.ref(`m.${shape.sortColumn}`);
    ({ rows } = await sql<Row>`select m.* from ${sql.table(shape.table)} m
        where 1 = 1 ${where(conditions)}
        order by ${at} desc, m.id desc limit ${limit + 1}`.execute(db));
    cursorOf = (row) => encodeCursor({ at: sortKey(row), id: row.id });
  }
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { rows: items, next: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
