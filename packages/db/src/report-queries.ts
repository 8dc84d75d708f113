/**
 * The rows the reports read (SPEC §6), as async iterables paged by key (date, id) ascending: each
 * round trip fetches one page after the last key seen, so memory stays flat however many rows a
 * report covers, and the same SQL runs on SQLite and PostgreSQL. Indexes on every date a report
 * ranges over come with migration 0008.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type {
  ReportKeyChangeRow,
  ReportMessageDataset,
  ReportMessageQuery,
  ReportMessageRow,
  ReportRange,
  ReportSource,
} from '@cds/domain';
import type { NodeDatabase } from './schema.js';

/** Small pages: rows leave memory soon after they are printed (see PdfCanvas on heap growth). */
export const REPORT_PAGE_SIZE = 100;
const MAX_REPORT_PAGE_SIZE = 5000;

interface Key {
  readonly at: number;
  readonly id: string;
}

/** Which table and which of its dates each dataset reads. */
const DATASETS: Readonly<
  Record<ReportMessageDataset, { readonly box: 'outgoing' | 'incoming'; readonly column: string }>
> = {
  'outgoing.created': { box: 'outgoing', column: 'created_at' },
  'outgoing.updated': { box: 'outgoing', column: 'updated_at' },
  'outgoing.exported': { box: 'outgoing', column: 'exported_at' },
  'outgoing.uploaded': { box: 'outgoing', column: 'sent_at' },
  'incoming.received': { box: 'incoming', column: 'received_at' },
  'incoming.bundled': { box: 'incoming', column: 'bundle_imported_at' },
};

/** Only the columns a report prints: the sealed header and receipts stay in the database. */
const OUTGOING_COLUMNS = [
  'id',
  'to_parties',
  'subject',
  'type',
  'priority',
  'encryption_level',
  'status',
  'description',
  'school_reference',
  'owner',
  'created_at',
  'updated_at',
  'sealed_at',
  'sent_at',
  'received_at',
  'exported_at',
  'attempts',
  'last_error',
  'payload_size',
] as const;

const INCOMING_COLUMNS = [
  'id',
  'from_party',
  'subject',
  'type',
  'priority',
  'encryption_level',
  'status',
  'description',
  'school_reference',
  'updated_at',
  'received_at',
  'decrypted_at',
  'last_error',
  'payload_size',
] as const;

function pageLimit(size: number | undefined): number {
  return Math.min(Math.max(1, Math.trunc(size ?? REPORT_PAGE_SIZE)), MAX_REPORT_PAGE_SIZE);
}

/** `column in range` and, after the first page, "after the last key" in standard SQL. */
function rangeConditions(column: string, range: ReportRange, after: Key | null): RawBuilder<SqlBool>[] {
  const col = sql.ref(column);
  const conditions = [sql<SqlBool>`${col} >= ${range.from}`, sql<SqlBool>`${col} < ${range.to}`];
  if (after) {
    conditions.push(
      sql<SqlBool>`(${col} > ${after.at} or (${col} = ${after.at} and ${sql.ref('id')} > ${after.id}))`,
    );
  }
  return conditions;
}

async function* keyset<T extends Key>(limit: number, fetch: (after: Key | null) => Promise<T[]>) {
  let after: Key | null = null;
  for (;;) {
    const rows = await fetch(after);
    yield* rows;
    const last = rows[rows.length - 1];
    if (rows.length < limit || last === undefined) return;
    after = { at: last.at, id: last.id };
  }
}

function outgoingRow(row: Record<string, unknown>, at: number): ReportMessageRow {
  return {
    id: row['id'] as string,
    box: 'outgoing',
    at,
    parties: JSON.parse(row['to_parties'] as string) as string[],
    subject: row['subject'] as string,
    type: row['type'] as string,
    priority: row['priority'] as string,
    encryptionLevel: row['encryption_level'] as string,
    status: row['status'] as string,
    description: row['description'] as string,
    schoolReference: row['school_reference'] as string | null,
    owner: row['owner'] as string,
    createdAt: Number(row['created_at']),
    updatedAt: Number(row['updated_at']),
    sealedAt: optionalNumber(row['sealed_at']),
    sentAt: optionalNumber(row['sent_at']),
    receivedAt: optionalNumber(row['received_at']),
    exportedAt: optionalNumber(row['exported_at']),
    decryptedAt: null,
    attempts: Number(row['attempts']),
    lastError: row['last_error'] as string | null,
    payloadSize: optionalNumber(row['payload_size']),
  };
}

function incomingRow(row: Record<string, unknown>, at: number): ReportMessageRow {
  return {
    id: row['id'] as string,
    box: 'incoming',
    at,
    parties: [row['from_party'] as string],
    subject: row['subject'] as string,
    type: row['type'] as string,
    priority: row['priority'] as string,
    encryptionLevel: row['encryption_level'] as string,
    status: row['status'] as string,
    description: row['description'] as string,
    schoolReference: row['school_reference'] as string | null,
    owner: null,
    createdAt: null,
    updatedAt: Number(row['updated_at']),
    sealedAt: null,
    sentAt: null,
    receivedAt: optionalNumber(row['received_at']),
    exportedAt: null,
    decryptedAt: optionalNumber(row['decrypted_at']),
    attempts: null,
    lastError: row['last_error'] as string | null,
    payloadSize: optionalNumber(row['payload_size']),
  };
}

function optionalNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** The reports' data port over a node database (SQLite or PostgreSQL). */
export function createReportSource(database: Kysely<NodeDatabase>): ReportSource {
  // The table and column names below come from the constant maps above, never from input.
  const db = database as unknown as Kysely<Record<string, Record<string, unknown>>>;
  return {
    messages(query: ReportMessageQuery): AsyncIterable<ReportMessageRow> {
      const { box, column } = DATASETS[query.dataset];
      const limit = pageLimit(query.pageSize);
      const statuses = query.statuses ?? [];
      const subjects = query.subjects ?? [];
      const table = box === 'outgoing' ? 'outgoing_messages' : 'incoming_messages';
      const columns = box === 'outgoing' ? OUTGOING_COLUMNS : INCOMING_COLUMNS;
      const toRow = box === 'outgoing' ? outgoingRow : incomingRow;
      return keyset(limit, async (after) => {
        const conditions = rangeConditions(column, query, after);
        if (statuses.length > 0) conditions.push(sql<SqlBool>`status in (${sql.join([...statuses])})`);
        if (subjects.length > 0) conditions.push(sql<SqlBool>`subject in (${sql.join([...subjects])})`);
        const rows = await db
          .selectFrom(table)
          .select([...columns, sql<number>`${sql.ref(column)}`.as('report_at')])
          .where((eb) => eb.and(conditions))
          .orderBy(sql.ref(column))
          .orderBy('id')
          .limit(limit)
          .execute();
        return rows.map((row) => toRow(row, Number(row['report_at'])));
      });
    },

    keyChanges(range: ReportRange): AsyncIterable<ReportKeyChangeRow> {
      const limit = pageLimit(range.pageSize);
      return keyset(limit, async (after) => {
        const rows = await database
          .selectFrom('key_changes')
          .selectAll()
          .where((eb) => eb.and(rangeConditions('at', range, after)))
          .orderBy('at')
          .orderBy('id')
          .limit(limit)
          .execute();
        return rows.map((row) => ({
          id: row.id,
          at: Number(row.at),
          user: row.user_name,
          kid: row.kid,
          fingerprint: row.fingerprint,
          validFrom: Number(row.valid_from),
          validTo: Number(row.valid_to),
          reason: row.reason,
        }));
      });
    },
  };
}
