import { sql, type Kysely, type Selectable } from 'kysely';
import { AppError } from '@cds/domain';
import type {
  ModuleRecordStore,
  ReportState,
  Student,
  StudentRow,
  StudentStore,
  StudentQuery,
} from '@cds/modules';
import type { NodeDatabase } from './schema.js';

/** The Student module's tables (node migration 0012), kept beside NodeDatabase rather than in it. */
export interface StudentsTable {
  id: string;
  strn: string;
  name_en: string;
  name_zh: string | null;
  sex: string;
  date_of_birth: string;
  class_level: string;
  class_name: string;
  class_no: number;
  admission_date: string;
  status: string;
  leaving_date: string | null;
  leaving_reason: string | null;
  leaving_note: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface FormAEntriesTable {
  student_id: string;
  message_id: string;
  included_at: number;
  released_at: number | null;
}

export interface ModuleRecordsTable {
  module: string;
  message_id: string;
  ordinal: number;
  data: string;
  imported_at: number;
}

type StudentTables = {
  students: StudentsTable;
  form_a_entries: FormAEntriesTable;
  module_records: ModuleRecordsTable;
};

const SENT = ['SENT', 'RECEIVED'];
const RELEASING = ['REJECTED'];

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function toStudent(row: Selectable<StudentsTable>): Student {
  return {
    id: row.id,
    strn: row.strn,
    nameEn: row.name_en,
    nameZh: row.name_zh,
    sex: row.sex as Student['sex'],
    dateOfBirth: row.date_of_birth,
    classLevel: row.class_level as Student['classLevel'],
    className: row.class_name,
    classNo: Number(row.class_no),
    admissionDate: row.admission_date,
    status: row.status as Student['status'],
    leavingDate: row.leaving_date,
    leavingReason: row.leaving_reason as Student['leavingReason'],
    leavingNote: row.leaving_note,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    version: Number(row.version),
  };
}

function columnsOf(student: Partial<Student>): Partial<StudentsTable> {
  const map: [keyof Student, keyof StudentsTable][] = [
    ['strn', 'strn'],
    ['nameEn', 'name_en'],
    ['nameZh', 'name_zh'],
    ['sex', 'sex'],
    ['dateOfBirth', 'date_of_birth'],
    ['classLevel', 'class_level'],
    ['className', 'class_name'],
    ['classNo', 'class_no'],
    ['admissionDate', 'admission_date'],
    ['status', 'status'],
    ['leavingDate', 'leaving_date'],
    ['leavingReason', 'leaving_reason'],
    ['leavingNote', 'leaving_note'],
  ];
  const out: Record<string, unknown> = {};
  for (const [key, column] of map) if (student[key] !== undefined) out[column] = student[key];
  return out;
}

/** A live entry whose message still exists and was not REJECTED holds the student. */
function stateOf(status: string, messageStatus: string | null): ReportState | null {
  if (status !== 'LEFT') return null;
  if (messageStatus === null || RELEASING.includes(messageStatus)) return 'NOT_REPORTED';
  return SENT.includes(messageStatus) ? 'REPORTED' : 'PREPARED';
}

export function createStudentStore(nodeDb: Kysely<NodeDatabase>): StudentStore & ModuleRecordStore {
  const db = nodeDb.withTables<StudentTables>();

  const withState = () =>
    db
      .selectFrom('students as s')
      .leftJoin('form_a_entries as e', (join) =>
        join.onRef('e.student_id', '=', 's.id').on('e.released_at', 'is', null),
      )
      .leftJoin('outgoing_messages as m', 'm.id', 'e.message_id')
      .selectAll('s')
      .select(['m.id as message_id', 'm.status as message_status']);

  type Joined = Selectable<StudentsTable> & { message_id: string | null; message_status: string | null };
  const toRow = (row: Joined): StudentRow => {
    const reportState = stateOf(row.status, row.message_status);
    const live = reportState === 'PREPARED' || reportState === 'REPORTED';
    return {
      ...toStudent(row),
      reportState,
      formAMessageId: live ? row.message_id : null,
      formAMessageStatus: live ? row.message_status : null,
    };
  };

  async function releaseStale(now: number): Promise<void> {
    await db
      .updateTable('form_a_entries')
      .set({ released_at: now })
      .where('released_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.not(
            eb.exists(
              eb
                .selectFrom('outgoing_messages as m')
                .select('m.id')
                .whereRef('m.id', '=', 'form_a_entries.message_id'),
            ),
          ),
          eb.exists(
            eb
              .selectFrom('outgoing_messages as m')
              .select('m.id')
              .whereRef('m.id', '=', 'form_a_entries.message_id')
              .where('m.status', 'in', RELEASING),
          ),
        ]),
      )
      .execute();
  }

  const store: StudentStore & ModuleRecordStore = {
    async list(query: StudentQuery) {
      let q = withState();
      if (query.status) q = q.where('s.status', '=', query.status);
      const text = query.text?.trim().toLowerCase();
      if (text) {
        const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or([
            eb(sql`lower(s.strn)`, 'like', sql`${like} escape '\\'`),
            eb(sql`lower(s.name_en)`, 'like', sql`${like} escape '\\'`),
            eb(sql`coalesce(s.name_zh, '')`, 'like', sql`${like} escape '\\'`),
            eb(sql`lower(s.class_level || s.class_name)`, 'like', sql`${like} escape '\\'`),
            eb(sql`lower(s.class_name)`, 'like', sql`${like} escape '\\'`),
          ]),
        );
      }
      const rows = await q
        .orderBy('s.class_level')
        .orderBy('s.class_name')
        .orderBy('s.class_no')
        .orderBy('s.id')
        .limit(query.limit)
        .execute();
      return rows.map((row) => toRow(row as Joined));
    },

    async get(id) {
      const row = await withState().where('s.id', '=', id).executeTakeFirst();
      return row ? toRow(row) : null;
    },

    async existingStrns(strns) {
      const found = new Set<string>();
      for (let i = 0; i < strns.length; i += 500) {
        const rows = await db
          .selectFrom('students')
          .select('strn')
          .where('strn', 'in', strns.slice(i, i + 500))
          .execute();
        for (const row of rows) found.add(row.strn);
      }
      return found;
    },

    async insertMany(students) {
      try {
        await db.transaction().execute(async (tx) => {
          for (let i = 0; i < students.length; i += 200) {
            const batch = students.slice(i, i + 200).map(
              (s) =>
                ({
                  ...columnsOf(s),
                  id: s.id,
                  created_at: s.createdAt,
                  updated_at: s.updatedAt,
                  version: s.version,
                }) as StudentsTable,
            );
            await tx.insertInto('students').values(batch).execute();
          }
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another import won the race for a STRN after the use case checked: name it, as the check would.
        const clashes = await store.existingStrns(students.map((s) => s.strn));
        const strn = students.find((s) => clashes.has(s.strn))?.strn ?? '?';
        throw new AppError('student.duplicate_strn', { strn }, { cause: error });
      }
    },

    async update(id, expectedVersion, changes, now) {
      // The use case checks the STRN first; the unique index still decides a race with an import.
      const updated = await db
        .updateTable('students')
        .set({ ...columnsOf(changes), updated_at: now, version: expectedVersion + 1 })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
        .catch((error: unknown) => {
          if (isUniqueViolation(error))
            throw new AppError('student.duplicate_strn', { strn: changes.strn ?? '?' });
          throw error;
        });
      if ((updated.numUpdatedRows ?? 0n) === 0n) {
        const current = await db.selectFrom('students').select('id').where('id', '=', id).executeTakeFirst();
        throw current
          ? new AppError('student.concurrent_update', { id })
          : new AppError('student.not_found', { id });
      }
      const row = await withState().where('s.id', '=', id).executeTakeFirstOrThrow();
      return toRow(row);
    },

    async formACandidates() {
      const rows = await withState()
        .where('s.status', '=', 'LEFT')
        .orderBy('s.leaving_date')
        .orderBy('s.strn')
        .execute();
      return rows
        .map((row) => toRow(row as Joined))
        .filter((row) => row.reportState === 'NOT_REPORTED')
        .map(({ reportState: _r, formAMessageId: _m, formAMessageStatus: _s, ...student }) => student);
    },

    async addFormAEntries(messageId, studentIds, now) {
      await releaseStale(now);
      try {
        // Writes only (no read first): on SQLite a transaction that reads before writing can meet
        // SQLITE_BUSY; the partial unique index is what refuses a student already in a live entry.
        await db.transaction().execute(async (tx) => {
          await tx
            .insertInto('form_a_entries')
            .values(
              studentIds.map((student_id) => ({
                student_id,
                message_id: messageId,
                included_at: now,
                released_at: null,
              })),
            )
            .execute();
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('student.form_a_changed');
        throw error;
      }
    },

    async formAEntries(messageId) {
      const rows = await db
        .selectFrom('form_a_entries')
        .select('student_id')
        .where('message_id', '=', messageId)
        .execute();
      return rows.map((row) => row.student_id);
    },

    async replace(module, messageId, records, now) {
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('module_records')
          .where('module', '=', module)
          .where('message_id', '=', messageId)
          .execute();
        for (let i = 0; i < records.length; i += 200) {
          await tx
            .insertInto('module_records')
            .values(
              records.slice(i, i + 200).map((record, j) => ({
                module,
                message_id: messageId,
                ordinal: i + j + 1,
                data: JSON.stringify(record),
                imported_at: now,
              })),
            )
            .execute();
        }
      });
    },

    async records(module, messageId) {
      const rows = await db
        .selectFrom('module_records')
        .select('data')
        .where('module', '=', module)
        .where('message_id', '=', messageId)
        .orderBy('ordinal')
        .execute();
      return rows.map((row) => JSON.parse(row.data) as unknown);
    },
  };
  return store;
}
