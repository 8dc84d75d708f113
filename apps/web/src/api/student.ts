import { queryOptions } from '@tanstack/react-query';
import { api } from './client';

export type ReportState = 'NOT_REPORTED' | 'PREPARED' | 'REPORTED';

/** One student as GET /api/students returns it. */
export interface StudentRow {
  readonly id: string;
  readonly strn: string;
  readonly nameEn: string;
  readonly nameZh: string | null;
  readonly sex: 'M' | 'F';
  readonly dateOfBirth: string;
  readonly classLevel: string;
  readonly className: string;
  readonly classNo: number;
  readonly admissionDate: string;
  readonly status: 'ENROLLED' | 'LEFT';
  readonly leavingDate: string | null;
  readonly leavingReason: string | null;
  readonly leavingNote: string | null;
  readonly version: number;
  readonly reportState: ReportState | null;
  readonly formAMessageId: string | null;
  readonly formAMessageStatus: string | null;
}

/** One line of a refusal's row-by-row report (`details.problems`). */
export interface RowProblem {
  readonly row: number;
  readonly code: string;
  readonly column?: string;
  readonly value?: string | null;
  readonly first?: number;
}

export const LEAVING_REASONS = [
  'TRANSFER_LOCAL',
  'EMIGRATION',
  'STUDY_ABROAD',
  'MAINLAND',
  'EMPLOYMENT',
  'OTHER',
];
export const REGISTER_COLUMNS =
  'strn,name_en,name_zh,sex,date_of_birth,class_level,class_name,class_no,admission_date';

export interface StudentFilter {
  readonly text: string;
  readonly status: 'ENROLLED' | 'LEFT' | null;
}

export const studentsQuery = (filter: StudentFilter) =>
  queryOptions({
    queryKey: ['students', filter],
    queryFn: () => {
      const params = new URLSearchParams();
      if (filter.text.trim()) params.set('text', filter.text.trim());
      if (filter.status) params.set('status', filter.status);
      return api<StudentRow[]>(`/api/students?${params.toString()}`);
    },
  });

export type StudentFields = Record<
  | 'strn'
  | 'nameEn'
  | 'nameZh'
  | 'sex'
  | 'dateOfBirth'
  | 'classLevel'
  | 'className'
  | 'classNo'
  | 'admissionDate',
  string
>;

export const importStudents = (contentBase64: string) =>
  api<{ imported: number }>('/api/students/imports', { method: 'POST', body: { contentBase64 } });

export const updateStudent = (id: string, version: number, fields: StudentFields) =>
  api<StudentRow>(`/api/students/${id}`, { method: 'PUT', body: { version, fields } });

export const setLeaving = (
  id: string,
  version: number,
  leaving: { leavingDate: string; leavingReason: string; leavingNote: string | null } | null,
) => api<StudentRow>(`/api/students/${id}/leaving`, { method: 'PUT', body: { version, leaving } });

export interface FormARow {
  readonly studentId: string;
  readonly strn: string;
  readonly name_en: string;
  readonly name_zh: string;
  readonly sex: string;
  readonly class_level: string;
  readonly class_name: string;
  readonly class_no: string;
  readonly admission_date: string;
  readonly leaving_date: string;
  readonly leaving_reason: string;
  readonly leaving_note: string;
}

export interface FormAPreview {
  readonly rows: readonly FormARow[];
  readonly problems: readonly { studentId: string; strn: string; code: string }[];
  readonly today: string;
}

export const prepareFormA = () => api<FormAPreview>('/api/student/form-a');

export const confirmFormA = (studentIds: readonly string[]) =>
  api<{ id: string; status: string; description: string }>('/api/student/form-a', {
    method: 'POST',
    body: { studentIds },
  });

export interface ReceivedFormA {
  readonly id: string;
  readonly from: string;
  readonly description: string;
  readonly status: string;
  readonly receivedAt: string;
}

export interface ReceivedFormADetail extends ReceivedFormA {
  readonly report: { outcome: string; imported: number; exceptions: RowProblem[] } | null;
  readonly rows: readonly (Omit<FormARow, 'studentId'> & { row: number })[];
}

export const receivedFormAQuery = queryOptions({
  queryKey: ['received-form-a'],
  queryFn: () => api<ReceivedFormA[]>('/api/student/form-a/received'),
});

export const receivedFormADetailQuery = (id: string) =>
  queryOptions({
    queryKey: ['received-form-a', id],
    queryFn: () => api<ReceivedFormADetail>(`/api/student/form-a/received/${id}`),
  });

/** The incoming area's decrypt (one School Key entry for the selection); Form A is imported with it. */
export const decryptMessages = (ids: readonly string[], schoolKey: string) =>
  api<{ outcomes: { id: string; ok: boolean; status?: string | null; error?: { message: string } }[] }>(
    '/api/messages/incoming/decrypt',
    { method: 'POST', body: { ids, schoolKey } },
  );
