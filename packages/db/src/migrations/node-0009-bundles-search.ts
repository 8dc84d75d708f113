import { sql, type Migration } from 'kysely';
import { dialectOf } from '../database.js';
import type { MigrationDb } from './shared.js';

/**
 * Offline bundles and search (SPEC §5, §6, §10).
 *
 * - `outgoing_exports`: each 匯出 of a SEND_FAIL message (time, user, file); `exported_at` on the
 *   message (0001) keeps the latest. `incoming_imports`: who imported which bundle file, beside the
 *   `bundle_imported_at` mark of 0008.
 * - `outgoing_recipients`: one row per addressed party, so "party" searches an index rather than
 *   the JSON list (a broadcast names hundreds).
 * - `search_seq`: a per-box arrival number. "Description contains" walks the trigram index newest
 *   first by it (FTS5 on SQLite, whose rowid it is; pg_trgm on PostgreSQL), so a common phrase
 *   answers its first page without collecting every match.
 * - Indexes ending in `id` for the keyset order of status and party/subject/type lists.
 */
const BOXES = [
  { table: 'outgoing_messages', at: 'created_at' },
  { table: 'incoming_messages', at: 'received_at' },
] as const;

/**
 * SQLite keeps the FTS table in step with triggers: a row gets the next search_seq when inserted
 * without one, and the index follows every assignment, description change and delete. Exported so
 * the search benchmark can load a million rows first and index them in one pass.
 */
export function ftsTriggers(table: string): string[] {
  const fts = `${table}_fts`;
  return [
    `create trigger ${table}_seq after insert on ${table} when new.search_seq is null begin
       update ${table} set search_seq = (select coalesce(max(search_seq), 0) + 1 from ${table})
       where rowid = new.rowid;
     end`,
    `create trigger ${table}_fts_insert after insert on ${table} when new.search_seq is not null begin
       insert into ${fts} (rowid, description) values (new.search_seq, new.description);
     end`,
    `create trigger ${table}_fts_update after update of search_seq, description on ${table} begin
       delete from ${fts} where rowid = old.search_seq;
       insert into ${fts} (rowid, description) values (new.search_seq, new.description);
     end`,
    `create trigger ${table}_fts_delete after delete on ${table} begin
       delete from ${fts} where rowid = old.search_seq;
     end`,
  ];
}

export const FTS_TRIGGER_NAMES = ['seq', 'fts_insert', 'fts_update', 'fts_delete'] as const;

/** Rows already stored are numbered in their list order; UPDATE … FROM runs on both dialects. */
async function numberExisting(db: MigrationDb, table: string, at: string): Promise<void> {
  await sql`update ${sql.table(table)} set search_seq = ranked.n
      from (select id, row_number() over (order by ${sql.ref(at)}, id) as n from ${sql.table(table)}) ranked
      where ranked.id = ${sql.table(table)}.id`.execute(db);
}

async function searchSqlite(db: MigrationDb): Promise<void> {
  for (const { table, at } of BOXES) {
    await db.schema.alterTable(table).addColumn('search_seq', 'bigint').execute();
    await numberExisting(db, table, at);
    await db.schema.createIndex(`${table}_search_seq`).unique().on(table).column('search_seq').execute();
    await sql
      .raw(
        `create virtual table ${table}_fts using fts5(description, content='', contentless_delete=1, tokenize='trigram')`,
      )
      .execute(db);
    await sql
      .raw(`insert into ${table}_fts (rowid, description) select search_seq, description from ${table}`)
      .execute(db);
    for (const trigger of ftsTriggers(table)) await sql.raw(trigger).execute(db);
  }
}

async function searchPostgres(db: MigrationDb): Promise<void> {
  // pg_trgm is a trusted extension (PostgreSQL 13+); one copy in public serves every schema.
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  for (const { table, at } of BOXES) {
    const sequence = `${table}_search_seq_seq`;
    await sql.raw(`create sequence ${sequence}`).execute(db);
    await db.schema.alterTable(table).addColumn('search_seq', 'bigint').execute();
    await numberExisting(db, table, at);
    await sql
      .raw(`select setval('${sequence}', coalesce((select max(search_seq) from ${table}), 0) + 1, false)`)
      .execute(db);
    await sql
      .raw(`alter table ${table} alter column search_seq set default nextval('${sequence}')`)
      .execute(db);
    await db.schema.createIndex(`${table}_search_seq`).unique().on(table).column('search_seq').execute();
    await sql
      .raw(
        `create index ${table}_description_trgm on ${table} using gin (lower(description) public.gin_trgm_ops)`,
      )
      .execute(db);
  }
}

export const nodeBundlesSearch: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .createTable('outgoing_exports')
      .addColumn('message_id', 'text', (col) =>
        col.notNull().references('outgoing_messages.id').onDelete('cascade'),
      )
      .addColumn('exported_at', 'bigint', (col) => col.notNull())
      .addColumn('exported_by', 'text', (col) => col.notNull())
      .addColumn('file', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('outgoing_exports_pk', ['message_id', 'exported_at'])
      .execute();
    await db.schema
      .createTable('incoming_imports')
      .addColumn('message_id', 'text', (col) =>
        col.primaryKey().references('incoming_messages.id').onDelete('cascade'),
      )
      .addColumn('imported_at', 'bigint', (col) => col.notNull())
      .addColumn('imported_by', 'text', (col) => col.notNull())
      .addColumn('file', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('outgoing_recipients')
      .addColumn('message_id', 'text', (col) =>
        col.notNull().references('outgoing_messages.id').onDelete('cascade'),
      )
      .addColumn('party', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('outgoing_recipients_pk', ['message_id', 'party'])
      .execute();
    await db.schema
      .createIndex('outgoing_recipients_party')
      .on('outgoing_recipients')
      .columns(['party', 'message_id'])
      .execute();
    const recipients =
      dialectOf(db) === 'postgres'
        ? sql`insert into outgoing_recipients (message_id, party)
              select id, jsonb_array_elements_text(to_parties::jsonb) from outgoing_messages`
        : sql`insert into outgoing_recipients (message_id, party)
              select outgoing_messages.id, json_each.value from outgoing_messages, json_each(outgoing_messages.to_parties)`;
    await recipients.execute(db);

    for (const { table, at } of BOXES) {
      await db.schema.createIndex(`${table}_status_keyset`).on(table).columns(['status', at, 'id']).execute();
    }
    await db.schema
      .createIndex('outgoing_messages_subject_type')
      .on('outgoing_messages')
      .columns(['subject', 'type', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('incoming_messages_party_subject_type')
      .on('incoming_messages')
      .columns(['from_party', 'subject', 'type', 'received_at', 'id'])
      .execute();

    await (dialectOf(db) === 'postgres' ? searchPostgres(db) : searchSqlite(db));
  },

  async down(db: MigrationDb) {
    const postgres = dialectOf(db) === 'postgres';
    for (const { table } of BOXES) {
      if (postgres) {
        await db.schema.dropIndex(`${table}_description_trgm`).execute();
      } else {
        for (const name of FTS_TRIGGER_NAMES) await sql.raw(`drop trigger ${table}_${name}`).execute(db);
        await sql.raw(`drop table ${table}_fts`).execute(db);
      }
      await db.schema.dropIndex(`${table}_search_seq`).execute();
      await db.schema.alterTable(table).dropColumn('search_seq').execute();
      if (postgres) await sql.raw(`drop sequence ${table}_search_seq_seq`).execute(db);
      await db.schema.dropIndex(`${table}_status_keyset`).execute();
    }
    await db.schema.dropIndex('incoming_messages_party_subject_type').execute();
    await db.schema.dropIndex('outgoing_messages_subject_type').execute();
    await db.schema.dropTable('outgoing_recipients').execute();
    await db.schema.dropTable('incoming_imports').execute();
    await db.schema.dropTable('outgoing_exports').execute();
  },
};
