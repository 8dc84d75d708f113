import { Alert, List, Table } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { RowProblem } from '../../api/student';
import { errorText } from '../../shell/errorText';

/** `2026-08-20` as Hong Kong writes a day: 20/08/2026. */
export function formatDay(day: string | null | undefined): string {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '—';
}

/** One problem in the user's language; the column named as the screen names it. */
export function problemText(problem: RowProblem, t: TFunction): string {
  const column = problem.column
    ? t(`student:column.${problem.column}`, { defaultValue: problem.column })
    : '';
  const hint =
    problem.code === 'encoding' && problem.value
      ? t('student:problems.encodingHint', { value: problem.value })
      : '';
  return t(`student:problems.${problem.code}`, {
    column,
    value: problem.value ?? '',
    first: problem.first ?? '',
    hint,
    code: problem.code,
    defaultValue: t('student:problems.unknown', { code: problem.code }),
  });
}

export function problemsOf(error: unknown): RowProblem[] {
  if (!(error instanceof ApiError)) return [];
  const problems = error.details['problems'];
  return Array.isArray(problems) ? (problems as RowProblem[]) : [];
}

/** The refusal: the node's sentence, then each problem by line (file) or as a list (form). */
export function ProblemReport({ error, byRow }: { error: unknown; byRow: boolean }) {
  const { t } = useTranslation();
  const problems = problemsOf(error);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle size={18} />}
      role="alert"
      title={errorText(error, t)}
    >
      {problems.length > 0 && byRow ? (
        <Table mt="xs" withRowBorders data-testid="problem-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('student:importModal.row')}</Table.Th>
              <Table.Th>{t('student:importModal.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((problem, index) => (
              <Table.Tr key={index}>
                <Table.Td>{problem.row > 0 ? problem.row : '—'}</Table.Td>
                <Table.Td>{problemText(problem, t)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {problems.length > 0 && !byRow ? (
        <List size="sm">
          {problems.map((problem, index) => (
            <List.Item key={index}>{problemText(problem, t)}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
