/**
 * 學生資料 and 資料互換 over the node's real routes and SQLite (SPEC §8): the CSV import refuses a
 * bad file row by row and changes nothing; Form A takes each leaving student once; a deleted or
 * REJECTED message releases its students; and the consumers' IMPORTED, partial and IMPORT_FAIL paths.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '@cds/domain';
import { nodeAppFixture, type NodeAppFixture } from '../testing/node-app.js';
import { deleteMessages } from '../use-cases/delete-messages.js';
import { importAfterDecrypt } from '../use-cases/import-module-data.js';
import { rejectOutgoingMessage } from '../use-cases/reject-outgoing-message.js';

const HEADER = 'strn,name_en,name_zh,sex,date_of_birth,class_level,class_name,class_no,admission_date';
const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`).toString('base64');

let school: NodeAppFixture;
let edb: NodeAppFixture;
let staff: { cookie: string; origin: string };
let head: { cookie: string; origin: string };

beforeAll(async () => {
  [school, edb] = await Promise.all([nodeAppFixture(), nodeAppFixture({ party: 'EDB', nodeRole: 'agency' })]);
  await school.addUser('staff', ['STAFF']);
  await school.addUser('head', ['SCHOOL_HEAD']);
  await edb.addUser('officer', ['SCHOOL_HEAD']);
  [staff, head] = [await school.login('staff'), await school.login('head')];
});
afterAll(async () => {
  await school?.close();
  await edb?.close();
});

function call(
  fx: NodeAppFixture,
  who: { cookie: string; origin: string },
  method: string,
  url: string,
  payload?: unknown,
) {
  return fx.app.inject({
    method: method as 'GET',
    url,
    headers: { ...who, 'accept-language': 'en' },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function students(text?: string) {
  const response = await call(school, staff, 'GET', `/api/students${text ? `?text=${text}` : ''}`);
  expect(response.statusCode).toBe(200);
  return response.json<{ id: string; strn: string; version: number; reportState: string | null }[]>();
}

async function leave(strn: string, date = '2026-08-20') {
  const student = (await students(strn))[0]!;
  const response = await call(school, staff, 'PUT', `/api/students/${student.id}/leaving`, {
    version: student.version,
    leaving: { leavingDate: date, leavingReason: 'EMIGRATION', leavingNote: null },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function preview() {
  const response = await call(school, staff, 'GET', '/api/student/form-a');
  expect(response.statusCode).toBe(200);
  return response.json<{
    rows: { strn: string; studentId: string }[];
    problems: { strn: string; code: string }[];
  }>();
}

async function confirm(studentIds: string[]) {
  return call(school, staff, 'POST', '/api/student/form-a', { studentIds });
}

describe('student register CSV import', () => {
  it('refuses a file with bad rows, listing each with its line, and imports nothing', async () => {
    const response = await call(school, staff, 'POST', '/api/students/imports', {
      contentBase64: csv([
        HEADER,
        'A1234567,CHAN Tai Man,陳大文,M,2014-02-30,P6,6A,12,2020-09-01',
        'A2345678,,,M,2014-03-04,P6,6A,13,2020-09-01',
        'A3456789,LEE Siu Ming,,M,2014-03-04,P6,6A,13,2020-09-01',
        'A3456789,LEE Siu Ming,,M,2014-03-04,P6,6A,13,2020-09-01',
      ]),
    });
    expect(response.statusCode).toBe(422);
    const { error } = response.json();
    expect(error.code).toBe('student.import_invalid');
    expect(error.message).toContain('3 problem');
    expect(error.details.problems).toEqual([
      { row: 2, code: 'bad_date', column: 'date_of_birth', value: '2014-02-30' },
      { row: 3, code: 'missing_field', column: 'name_en' },
      { row: 5, code: 'duplicate_in_file', column: 'strn', value: 'A3456789', first: 4 },
    ]);
    expect(await students()).toEqual([]);
  });

  it('imports a good file, then refuses the same students again as already registered', async () => {
    const file = csv([
      HEADER,
      'A1234567,CHAN Tai Man,陳大文,M,2014-03-04,P6,6A,12,2020-09-01',
      'A2345678,LEE Siu Ming,李小明,M,2014-05-06,P6,6A,13,2020-09-01',
      'A3456789,WONG Ka Yan,黃嘉欣,F,2015-01-02,P5,5B,3,2021-09-01',
    ]);
    const first = await call(school, staff, 'POST', '/api/students/imports', { contentBase64: file });
    expect([first.statusCode, first.json()]).toEqual([200, { imported: 3 }]);
    const again = await call(school, staff, 'POST', '/api/students/imports', { contentBase64: file });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.problems).toHaveLength(3);
    expect((await students('陳大文')).map((s) => s.strn)).toEqual(['A1234567']);
  });

  it('refuses a leaving date before admission, and a future one, with the field named', async () => {
    const student = (await students('A3456789'))[0]!;
    const response = await call(school, staff, 'PUT', `/api/students/${student.id}/leaving`, {
      version: student.version,
      leaving: { leavingDate: '2019-01-01', leavingReason: 'EMIGRATION' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.problems).toEqual([
      { row: 0, code: 'leaving_before_admission', column: 'leaving_date', value: '2019-01-01' },
    ]);
  });
});

describe('student record: view and edit', () => {
  it('shows one student, saves an edit under its version, and refuses a stale version or a taken STRN', async () => {
    const student = (await students('A3456789'))[0]!;
    const shown = await call(school, staff, 'GET', `/api/students/${student.id}`);
    expect(shown.json()).toMatchObject({
      strn: 'A3456789',
      nameZh: '黃嘉欣',
      status: 'ENROLLED',
      reportState: null,
    });
    const fields = {
      strn: 'A3456789',
      nameEn: 'WONG Ka Yan',
      nameZh: '黃嘉茵',
      sex: 'F',
      dateOfBirth: '02/01/2015',
      classLevel: 'P5',
      className: '5C',
      classNo: '4',
      admissionDate: '2021-09-01',
    };
    const saved = await call(school, staff, 'PUT', `/api/students/${student.id}`, {
      version: student.version,
      fields,
    });
    expect(saved.json()).toMatchObject({
      nameZh: '黃嘉茵',
      className: '5C',
      classNo: 4,
      version: student.version + 1,
    });
    const stale = await call(school, staff, 'PUT', `/api/students/${student.id}`, {
      version: student.version,
      fields,
    });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'student.concurrent_update']);
    const taken = await call(school, staff, 'PUT', `/api/students/${student.id}`, {
      version: student.version + 1,
      fields: { ...fields, strn: 'A1234567' },
    });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'student.duplicate_strn']);
    const bad = await call(school, staff, 'PUT', `/api/students/${student.id}`, {
      version: student.version + 1,
      fields: { ...fields, sex: 'X', classNo: '0' },
    });
    expect(bad.json().error.details.problems).toEqual([
      { row: 0, code: 'bad_value', column: 'sex', value: 'X' },
      { row: 0, code: 'bad_value', column: 'class_no', value: '0' },
    ]);
    expect((await call(school, staff, 'GET', '/api/students/nobody')).json().error.code).toBe(
      'student.not_found',
    );
  });
});

describe('資料互換: Form A', () => {
  it('prepares the students who left, confirms a READY STU/SUB message to EDB, and never lists them twice', async () => {
    expect((await preview()).rows).toEqual([]);
    expect((await confirm([randomUUID()])).json().error.code).toBe('student.form_a_empty');
    await leave('A1234567');
    const { rows, problems } = await preview();
    expect([rows.map((r) => r.strn), problems]).toEqual([['A1234567'], []]);
    const created = await confirm(rows.map((r) => r.studentId));
    expect(created.statusCode, created.body).toBe(201);
    const message = (await school.services.repos.outgoing.get(created.json().id))!;
    expect(message).toMatchObject({
      status: 'READY',
      subject: 'STU',
      type: 'SUB',
      to: ['EDB'],
      owner: 'staff',
    });
    expect(message.description).not.toMatch(/CHAN|陳/);
    const [attachment] = await school.services.repos.outgoing.attachments(message.id);
    expect(attachment?.displayName).toBe('FORM_A_STUDENT_LEAVING.csv');
    // In a READY message the student is prepared, not reported, and not offered again.
    expect((await students('A1234567'))[0]?.reportState).toBe('PREPARED');
    expect((await preview()).rows).toEqual([]);
    expect((await confirm(rows.map((r) => r.studentId))).json().error.code).toBe('student.form_a_empty');
    // SENT: reported, still never offered again; its leaving record is now locked.
    await school.services.repos.outgoing.update(message.id, message.version, { status: 'SENT' });
    const reported = (await students('A1234567'))[0]!;
    expect(reported.reportState).toBe('REPORTED');
    expect((await preview()).rows).toEqual([]);
    const locked = await call(school, staff, 'PUT', `/api/students/${reported.id}/leaving`, {
      version: reported.version,
      leaving: null,
    });
    expect(locked.json().error.code).toBe('student.leaving_locked');
  });

  it('refuses a confirm whose preview is out of date, creating nothing', async () => {
    await leave('A2345678');
    const before = (await preview()).rows.map((r) => r.studentId);
    await leave('A3456789', '2026-09-01');
    const stale = await confirm(before);
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'student.form_a_changed']);
    expect((await preview()).rows.map((r) => r.strn)).toEqual(['A2345678', 'A3456789']);
  });

  it('a REJECTED message releases its students for the next 預備', async () => {
    const ids = (await preview()).rows.map((r) => r.studentId);
    const { id } = (await confirm(ids)).json();
    expect((await preview()).rows).toEqual([]);
    await rejectOutgoingMessage(school.services, { id, reason: 'wrong class', actor: 'head' });
    expect((await preview()).rows.map((r) => r.studentId)).toEqual(ids);
    expect((await students('A2345678'))[0]?.reportState).toBe('NOT_REPORTED');
  });

  it('a deleted message releases its students, and the next confirm carries them once', async () => {
    const ids = (await preview()).rows.map((r) => r.studentId);
    const { id } = (await confirm(ids)).json();
    const [deleted] = await deleteMessages(school.services, { ids: [id], actor: 'staff' });
    expect(deleted?.ok).toBe(true);
    expect((await preview()).rows.map((r) => r.studentId)).toEqual(ids);
    const again = await confirm(ids);
    expect(again.statusCode).toBe(201);
    expect((await preview()).rows).toEqual([]);
  });
});

/** A decrypted incoming message holding `file`, as decrypt-incoming leaves one. */
async function decrypted(
  fx: NodeAppFixture,
  from: string,
  subject: string,
  type: string,
  name: string,
  file: Buffer,
) {
  const services = fx.services;
  const payload = await services.blobs.put(Readable.from([Buffer.from('sealed')]));
  const now = Date.now();
  const message: IncomingMessage = {
    id: randomUUID(),
    subject,
    type,
    priority: 'NORMAL',
    encryptionLevel: 'RESTRICTED',
    description: `${subject}/${type} from ${from}`,
    schoolReference: null,
    replyDeadline: null,
    replyToId: null,
    from,
    status: 'ENCRYPTED',
    receivedAt: now,
    updatedAt: now,
    read: false,
    decryptedBy: null,
    decryptedAt: null,
    importedBy: null,
    importedAt: null,
    importResult: null,
    businessState: null,
    lastError: null,
    archived: false,
    version: 1,
    headerJws: null,
    payloadSha256: payload.sha256,
    payloadSize: payload.size,
    deliveryReceipt: null,
    acknowledgedAt: null,
  };
  await services.repos.incoming.insertIfNew(message, payload.sha256);
  const blob = await services.blobs.put(Readable.from([file]));
  await services.repos.incoming.updateWithAttachments(message.id, 1, { status: 'DECRYPTED' }, [
    {
      messageId: message.id,
      ordinal: 1,
      displayName: name,
      mediaType: 'text/csv',
      size: blob.size,
      sha256: blob.sha256,
      blob: blob.sha256,
    },
  ]);
  return message.id;
}

describe('module consumers', () => {
  const TSA = 'level,subject,paper,date,duration_minutes';
  const imports = async (ids: string[]) =>
    (await call(school, head, 'POST', '/api/modules/imports', { ids })).json();

  it('TSA parameter file: IMPORTED with every row', async () => {
    const id = await decrypted(
      school,
      'HKEAA',
      'TSA',
      'PAR',
      'TSA2026_PARAMETERS.csv',
      Buffer.from(`${TSA}\r\nP3,CHI,READING,2026-06-10,40\r\nP6,MAT,PAPER1,2026-06-12,50\r\n`),
    );
    const [outcome] = await imports([id]);
    expect(outcome).toMatchObject({
      ok: true,
      status: 'IMPORTED',
      report: { outcome: 'IMPORTED', imported: 2, exceptions: [] },
    });
    const stored = await school.services.repos.incoming.get(id);
    expect(stored).toMatchObject({ status: 'IMPORTED', importedBy: 'web:head' });
    expect(JSON.parse(stored!.importResult!)).toMatchObject({ module: 'tsa.parameters', imported: 2 });
  });

  it('TSA parameter file: partial — good rows taken, IMPORTED with an exception report', async () => {
    const id = await decrypted(
      school,
      'HKEAA',
      'TSA',
      'PAR',
      'p.csv',
      Buffer.from(`${TSA}\r\nP3,CHI,READING,2026-06-10,40\r\nP3,ENG,READING,31/02/2026,30\r\n`),
    );
    const [outcome] = await imports([id]);
    expect(outcome).toMatchObject({
      status: 'IMPORTED',
      report: { imported: 1, exceptions: [{ row: 3, code: 'bad_date', column: 'date' }] },
    });
  });

  it('TSA parameter file: IMPORT_FAIL with the report, and a second import is allowed from IMPORT_FAIL', async () => {
    const id = await decrypted(school, 'EDB', 'TSA', 'PAR', 'p.csv', Buffer.from('not,a,parameter,file\r\n'));
    const [outcome] = await imports([id]);
    expect(outcome).toMatchObject({ status: 'IMPORT_FAIL', report: { outcome: 'IMPORT_FAIL', imported: 0 } });
    expect((await school.services.repos.incoming.get(id))?.status).toBe('IMPORT_FAIL');
    expect((await imports([id]))[0]).toMatchObject({ ok: true, status: 'IMPORT_FAIL' });
    const [other] = await imports([await decrypted(school, 'EDB', 'SCH', 'CIR', 'c.txt', Buffer.from('x'))]);
    expect(other).toMatchObject({ ok: false, error: { code: 'module.no_consumer' } });
  });

  it("EDB reads a school's Form A as a table, and imports the version message", async () => {
    const officer = await edb.login('officer');
    const formA = await school.services.repos.outgoing.attachments(
      (await school.services.repos.outgoing.list({ subject: 'STU', limit: 1 })).items[0]!.id,
    );
    const chunks: Buffer[] = [];
    for await (const chunk of await school.services.blobs.get(formA[0]!.blob)) chunks.push(chunk as Buffer);
    const id = await decrypted(
      edb,
      '123456',
      'STU',
      'SUB',
      'FORM_A_STUDENT_LEAVING.csv',
      Buffer.concat(chunks),
    );
    expect((await call(edb, officer, 'POST', '/api/modules/imports', { ids: [id] })).json()[0]).toMatchObject(
      { status: 'IMPORTED' },
    );
    const list = (await call(edb, officer, 'GET', '/api/student/form-a/received')).json();
    expect(list).toEqual([expect.objectContaining({ id, from: '123456', status: 'IMPORTED' })]);
    const shown = (await call(edb, officer, 'GET', `/api/student/form-a/received/${id}`)).json();
    expect(shown.rows.map((r: { strn: string }) => r.strn)).toEqual(['A2345678', 'A3456789']);
    const version = Buffer.from(
      JSON.stringify({ scrn: '123456', version: '1.4.0', upgradedAt: '2026-11-01T00:00:00.000Z' }),
    );
    const ver = await decrypted(edb, '123456', 'SYS', 'VER', 'version.json', version);
    expect(
      (await call(edb, officer, 'POST', '/api/modules/imports', { ids: [ver] })).json()[0],
    ).toMatchObject({ status: 'IMPORTED' });
  });

  it('after a decrypt, a STU/SUB without the Form A file stays DECRYPTED for a person', async () => {
    const id = await decrypted(edb, '123456', 'STU', 'SUB', 'survey.csv', Buffer.from('a,b\r\n1,2\r\n'));
    const message = (await edb.services.repos.incoming.get(id))!;
    expect((await importAfterDecrypt(edb.services, message, 'web:officer')).status).toBe('DECRYPTED');
    const version = (await edb.services.repos.incoming.list({ subject: 'SYS', limit: 5 })).items[0]!;
    expect(version.status).toBe('IMPORTED');
  });
});
