import type { Kysely } from 'kysely';
import { AppError } from '@cds/domain';
import type { NodeDatabase } from './schema.js';

type VersionedTable = 'outgoing_messages' | 'incoming_messages';
type VersionedRow = { id: string; version: number };

/**
 * Optimistic concurrency in one statement: the row is written only if its version is still the
 * one the caller read, so two users editing the same message cannot silently overwrite each
 * other. Only when nothing matched do we look again, to tell "gone" from "changed".
 */
export async function versionedUpdate(
  db: Kysely<NodeDatabase>,
  table: VersionedTable,
  id: string,
  expectedVersion: number,
  columns: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  // The id and the version are the repository's to manage, never the caller's to change.
  const { id: _id, version: _version, ...changes } = columns;
  void _id;
  void _version;
  const vdb = db as unknown as Kysely<Record<VersionedTable, VersionedRow>>;
  const updated = await vdb
    .updateTable(table)
    .set({ ...changes, version: expectedVersion + 1 } as Partial<VersionedRow>)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (updated !== undefined) return updated;

  const current = await vdb.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst();
  if (current === undefined) throw new AppError('message.not_found', { id });
  throw new AppError('message.concurrent_update', { id, expected: expectedVersion, actual: current.version });
}
