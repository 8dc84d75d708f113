/**
 * Counts grouped by subject, type, encryption level, priority and status (SPEC §6), gathered while
 * the rows stream past: memory grows with the number of distinct groups (a few thousand at most),
 * never with the number of rows. Groups are ordered as the code tables list their codes, so every
 * summary reads in the same order as the screens.
 */
import {
  ENCRYPTION_LEVEL_TABLE,
  MESSAGE_TYPES,
  PRIORITY_TABLE,
  SUBJECTS,
  type CodeTable,
  type ReportMessageRow,
} from '@cds/domain';
import { statusTableOf } from './columns.js';

export const DIMENSIONS = ['subject', 'type', 'encryptionLevel', 'priority', 'status'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type GroupKey = Readonly<Record<Dimension, string>>;

export interface DimensionCounts {
  readonly dimension: Dimension;
  readonly table: CodeTable<string>;
  readonly counts: readonly { readonly code: string; readonly count: number }[];
}

export interface Summary {
  readonly total: number;
  /** Every combination that occurs, in code-table order. */
  readonly groups: readonly { readonly key: GroupKey; readonly count: number }[];
  readonly dimensions: readonly DimensionCounts[];
}

export function dimensionTable(dimension: Dimension, box: 'outgoing' | 'incoming'): CodeTable<string> {
  switch (dimension) {
    case 'subject':
      return SUBJECTS;
    case 'type':
      return MESSAGE_TYPES;
    case 'encryptionLevel':
      return ENCRYPTION_LEVEL_TABLE;
    case 'priority':
      return PRIORITY_TABLE;
    case 'status':
      return statusTableOf(box);
  }
}

/** Small tables list every code (a zero is information); subjects and types only those that occur. */
const SHOW_ZEROS: Readonly<Record<Dimension, boolean>> = {
  subject: false,
  type: false,
  encryptionLevel: true,
  priority: true,
  status: true,
};

/** Position of a code in its table; codes a newer peer sent (no label here) sort last, by code. */
function orderOf(table: CodeTable<string>): (a: string, b: string) => number {
  const index = new Map(table.entries.map((entry, i) => [entry.code, i]));
  return (a, b) => (index.get(a) ?? Infinity) - (index.get(b) ?? Infinity) || a.localeCompare(b);
}

export class SummaryBuilder {
  readonly #groups = new Map<string, { key: GroupKey; count: number }>();
  #total = 0;
  readonly #box: 'outgoing' | 'incoming';

  constructor(box: 'outgoing' | 'incoming') {
    this.#box = box;
  }

  add(row: Pick<ReportMessageRow, Dimension>): void {
    this.#total += 1;
    const id = DIMENSIONS.map((d) => row[d]).join('\u0000');
    const group = this.#groups.get(id);
    if (group) group.count += 1;
    else {
      const key = {
        subject: row.subject,
        type: row.type,
        encryptionLevel: row.encryptionLevel,
        priority: row.priority,
        status: row.status,
      };
      this.#groups.set(id, { key, count: 1 });
    }
  }

  get total(): number {
    return this.#total;
  }

  result(): Summary {
    const orders = DIMENSIONS.map((d) => [d, orderOf(dimensionTable(d, this.#box))] as const);
    const groups = [...this.#groups.values()].sort((a, b) => {
      for (const [d, order] of orders) {
        const byDimension = order(a.key[d], b.key[d]);
        if (byDimension !== 0) return byDimension;
      }
      return 0;
    });
    const dimensions = orders.map(([dimension, order]) => {
      const table = dimensionTable(dimension, this.#box);
      const counts = new Map<string, number>();
      if (SHOW_ZEROS[dimension]) for (const entry of table.entries) counts.set(entry.code, 0);
      for (const { key, count } of groups)
        counts.set(key[dimension], (counts.get(key[dimension]) ?? 0) + count);
      return {
        dimension,
        table,
        counts: [...counts.entries()]
          .sort(([a], [b]) => order(a, b))
          .map(([code, count]) => ({ code, count })),
      };
    });
    return { total: this.#total, groups, dimensions };
  }
}
