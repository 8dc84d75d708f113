import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CdsApp } from '@cds/http';
import { errorBody, pickLanguage } from '@cds/http';
import { MAX_REGISTER_BYTES, type StudentRow } from '@cds/modules';
import { requireRight, sessionOf } from '../auth/http-auth.js';
import { ProblemsError } from '../modules/problems-error.js';
import type { NodeServices } from '../node-services.js';
import { confirmFormA } from '../use-cases/confirm-form-a.js';
import { importModuleData } from '../use-cases/import-module-data.js';
import { importStudentRegister } from '../use-cases/import-student-register.js';
import { listReceivedFormA, showReceivedFormA } from '../use-cases/list-received-form-a.js';
import { listStudents, showStudent } from '../use-cases/list-students.js';
import { prepareFormA } from '../use-cases/prepare-form-a.js';
import { setStudentLeaving } from '../use-cases/set-student-leaving.js';
import { updateStudent } from '../use-cases/update-student.js';

const ID = z.string().min(1).max(64);
const FIELD = z.string().max(200);
const FIELDS = z.object({
  strn: FIELD,
  nameEn: FIELD,
  nameZh: FIELD,
  sex: FIELD,
  dateOfBirth: FIELD,
  classLevel: FIELD,
  className: FIELD,
  classNo: FIELD,
  admissionDate: FIELD,
});

/** A refusal with its row-by-row report: the error body of every route, plus `details.problems`. */
async function withProblems<T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ProblemsError)) throw error;
    const body = errorBody(error, pickLanguage(request.headers['accept-language']));
    return reply
      .status(error.http)
      .send({ error: { ...body.error, details: { ...body.error.details, problems: error.problems } } });
  }
}

const presentStudent = (student: StudentRow) => ({
  ...student,
  createdAt: new Date(student.createdAt).toISOString(),
  updatedAt: new Date(student.updatedAt).toISOString(),
});

/**
 * 學生資料 and 資料互換 (SPEC §8): the register (`student.register`), Form A
 * (`student.dataExchange`), EDB's view of received Form A (`cds.incoming.view`) and the module
 * re-import of a failed import (`cds.incoming.decrypt`, the key holder who opened it).
 */
export function registerStudentRoutes(app: CdsApp, services: NodeServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/students',
    {
      onRequest: requireRight('student.register'),
      schema: {
        querystring: z.object({
          text: z.string().max(100).optional(),
          status: z.enum(['ENROLLED', 'LEFT']).optional(),
          limit: z.coerce.number().int().min(1).max(2000).default(500),
        }),
      },
    },
    async (request) => {
      const { text, status, limit } = request.query;
      const rows = await listStudents(services, {
        limit,
        ...(text ? { text } : {}),
        ...(status ? { status } : {}),
      });
      return rows.map(presentStudent);
    },
  );

  typed.post(
    '/api/students/imports',
    {
      onRequest: requireRight('student.register'),
      bodyLimit: Math.ceil((MAX_REGISTER_BYTES * 4) / 3) + 4096,
      schema: {
        body: z.object({ contentBase64: z.string().max(Math.ceil((MAX_REGISTER_BYTES * 4) / 3) + 4) }),
      },
    },
    (request, reply) =>
      withProblems(request, reply, () =>
        importStudentRegister(services, { bytes: Buffer.from(request.body.contentBase64, 'base64') }),
      ),
  );

  typed.get(
    '/api/students/:id',
    { onRequest: requireRight('student.register'), schema: { params: z.object({ id: ID }) } },
    async (request) => presentStudent(await showStudent(services, request.params.id)),
  );

  typed.put(
    '/api/students/:id',
    {
      onRequest: requireRight('student.register'),
      schema: {
        params: z.object({ id: ID }),
        body: z.object({ version: z.number().int().min(1), fields: FIELDS }),
      },
    },
    (request, reply) =>
      withProblems(request, reply, async () =>
        presentStudent(await updateStudent(services, { id: request.params.id, ...request.body })),
      ),
  );

  typed.put(
    '/api/students/:id/leaving',
    {
      onRequest: requireRight('student.register'),
      schema: {
        params: z.object({ id: ID }),
        body: z.object({
          version: z.number().int().min(1),
          leaving: z
            .object({ leavingDate: FIELD, leavingReason: FIELD, leavingNote: FIELD.nullable().optional() })
            .nullable(),
        }),
      },
    },
    (request, reply) =>
      withProblems(request, reply, async () =>
        presentStudent(await setStudentLeaving(services, { id: request.params.id, ...request.body })),
      ),
  );

  typed.get('/api/student/form-a', { onRequest: requireRight('student.dataExchange') }, () =>
    prepareFormA(services),
  );

  typed.post(
    '/api/student/form-a',
    {
      onRequest: requireRight('student.dataExchange'),
      schema: { body: z.object({ studentIds: z.array(ID).min(1).max(5000) }) },
    },
    async (request, reply) => {
      const message = await confirmFormA(services, {
        studentIds: request.body.studentIds,
        owner: sessionOf(request).user.username,
      });
      return reply
        .status(201)
        .send({ id: message.id, status: message.status, description: message.description });
    },
  );

  typed.get('/api/student/form-a/received', { onRequest: requireRight('cds.incoming.view') }, async () =>
    (await listReceivedFormA(services)).map((m) => ({
      id: m.id,
      from: m.from,
      description: m.description,
      status: m.status,
      receivedAt: new Date(m.receivedAt).toISOString(),
    })),
  );

  typed.get(
    '/api/student/form-a/received/:id',
    { onRequest: requireRight('cds.incoming.view'), schema: { params: z.object({ id: ID }) } },
    async (request) => {
      const { message, report, rows } = await showReceivedFormA(services, request.params.id);
      return {
        id: message.id,
        from: message.from,
        description: message.description,
        status: message.status,
        receivedAt: new Date(message.receivedAt).toISOString(),
        report,
        rows,
      };
    },
  );

  typed.post(
    '/api/modules/imports',
    {
      onRequest: requireRight('cds.incoming.decrypt'),
      schema: { body: z.object({ ids: z.array(ID).min(1).max(500) }) },
    },
    async (request) => {
      const outcomes = await importModuleData(services, {
        ids: request.body.ids,
        actor: `web:${sessionOf(request).user.username}`,
      });
      const lang = pickLanguage(request.headers['accept-language']);
      return outcomes.map((o) =>
        o.ok
          ? { id: o.id, ok: true, status: o.message.status, report: o.report }
          : { id: o.id, ok: false, error: errorBody(o.error, lang).error },
      );
    },
  );
}
