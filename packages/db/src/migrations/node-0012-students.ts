import { sql, type Migration } from 'kysely';
import type { MigrationDb } from './shared.js';

/**
 * The Student module and module imports (SPEC §8).
 *
 * - `students`: the register; STRN unique. Dates are calendar days as `YYYY-MM-DD` text.
 * - `form_a_entries`: which students a Form A message carries. An entry is live until its message
 *   is deleted or REJECTED, when `released_at` is set and the student is listed again; the partial
 *   unique index keeps a student in at most one live entry, so no student is reported twice.
 *   Whether a student counts as reported (its message SENT or RECEIVED) is read from the message,
 *   never copied, so it cannot drift from the outgoing status machine.
 * - `module_records`: what a consumer took from an incoming message (one JSON record per row), so
 *   a re-import replaces exactly that message's records.
 */
export const nodeStudents: Migration = {
  async up(db: MigrationDb) {
    await db.schema
      .createTable('students')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('strn', 'text', (col) => col.notNull().unique())
      .addColumn('name_en', 'text', (col) => col.notNull())
      .addColumn('name_zh', 'text')
      .addColumn('sex', 'text', (col) => col.notNull().check(sql`sex in ('M', 'F')`))
      .addColumn('date_of_birth', 'text', (col) => col.notNull())
      .addColumn('class_level', 'text', (col) => col.notNull())
      .addColumn('class_name', 'text', (col) => col.notNull())
      .addColumn('class_no', 'integer', (col) => col.notNull())
      .addColumn('admission_date', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('ENROLLED', 'LEFT')`))
      .addColumn('leaving_date', 'text')
      .addColumn('leaving_reason', 'text')
      .addColumn('leaving_note', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('students_class')
      .on('students')
      .columns(['class_level', 'class_name', 'class_no'])
      .execute();
    await db.schema
      .createIndex('students_status')
      .on('students')
      .columns(['status', 'leaving_date'])
      .execute();

    await db.schema
      .createTable('form_a_entries')
      .addColumn('student_id', 'text', (col) => col.notNull().references('students.id'))
      .addColumn('message_id', 'text', (col) => col.notNull())
      .addColumn('included_at', 'bigint', (col) => col.notNull())
      .addColumn('released_at', 'bigint')
      .addPrimaryKeyConstraint('form_a_entries_pk', ['student_id', 'message_id'])
      .execute();
    await db.schema.createIndex('form_a_entries_message').on('form_a_entries').column('message_id').execute();
    await sql`create unique index form_a_entries_live on form_a_entries (student_id) where released_at is null`.execute(
      db,
    );

    await db.schema
      .createTable('module_records')
      .addColumn('module', 'text', (col) => col.notNull())
      .addColumn('message_id', 'text', (col) => col.notNull())
      .addColumn('ordinal', 'integer', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('imported_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('module_records_pk', ['module', 'message_id', 'ordinal'])
      .execute();
  },

  async down(db: MigrationDb) {
    await db.schema.dropTable('module_records').execute();
    await db.schema.dropTable('form_a_entries').execute();
    await db.schema.dropTable('students').execute();
  },
};
