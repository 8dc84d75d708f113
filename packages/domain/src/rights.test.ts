import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import {
  DEFAULT_RIGHTS_MATRIX,
  GROUPS,
  GROUPS_BY_ROLE,
  RIGHTS,
  assertRight,
  hasRight,
  rightsOf,
  type Right,
} from './rights.js';

/*
 * SPEC §7, transcribed by hand, one row per right, ✓ = granted. The first four columns are the
 * SPEC's cells; AGENCY_OFFICER and HUB_OPERATOR have no cells in the SPEC and follow the decisions
 * documented at the top of rights.ts.
 */
const COLUMNS = [
  'CDS_ADMIN',
  'SYSTEM_ADMIN',
  'SCHOOL_HEAD',
  'STAFF',
  'AGENCY_OFFICER',
  'HUB_OPERATOR',
] as const;
// prettier-ignore
const MATRIX: Readonly<Record<string, string>> = {
  //                            ADMIN SYS HEAD STAFF  AGENCY HUB
  'cds.outgoing.own':            '✓ ✓ ✓ ✓   ✓ .',
  'cds.outgoing.all':            '✓ ✓ ✓ .   ✓ .',
  'cds.outgoing.process':        '✓ . ✓ .   ✓ .',
  'cds.incoming.view':           '✓ ✓ ✓ ✓   ✓ .',
  'cds.incoming.reply':          '✓ ✓ ✓ ✓   ✓ .',
  'cds.incoming.decrypt':        '✓ . ✓ .   ✓ .',
  'cds.incoming.confidential':   '✓ . ✓ .   ✓ .',
  'cds.incoming.delete':         '✓ ✓ ✓ .   . .',
  'cds.archive':                 '✓ ✓ ✓ .   ✓ .',
  'cds.transmission':            '✓ ✓ ✓ .   ✓ ✓',
  'cds.exportImport':            '✓ . ✓ .   . ✓',
  'cds.report':                  '✓ ✓ ✓ .   ✓ ✓',
  'cds.log':                     '✓ ✓ ✓ .   ✓ ✓',
  'cds.key':                     '✓ . ✓ .   ✓ .',
  'cds.registration':            '✓ . ✓ .   . ✓',
  'cds.version':                 '✓ . ✓ .   . ✓',
  'cds.settings':                '✓ ✓ . .   . ✓',
  'cds.notification.maintain':   '✓ ✓ . .   . .',
  'admin.users':                 '✓ ✓ . .   . ✓',
  'student.register':            '✓ ✓ ✓ ✓   . .',
  'student.dataExchange':        '✓ ✓ ✓ ✓   . .',
};

function granted(right: string, group: string): boolean {
  const cells = (MATRIX[right] ?? '').split(/\s+/);
  expect(cells).toHaveLength(COLUMNS.length);
  return cells[COLUMNS.indexOf(group as (typeof COLUMNS)[number])] === '✓';
}

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, got a result');
}

describe('rights matrix (SPEC §7)', () => {
  it('has exactly the rights and groups of the literal', () => {
    expect(RIGHTS.entries.map((entry) => entry.code).sort()).toEqual(Object.keys(MATRIX).sort());
    expect(Object.keys(DEFAULT_RIGHTS_MATRIX).sort()).toEqual(Object.keys(MATRIX).sort());
    expect(GROUPS.entries.map((entry) => entry.code).sort()).toEqual([...COLUMNS].sort());
    const used = new Set(Object.values(DEFAULT_RIGHTS_MATRIX).flat());
    for (const group of used) expect(COLUMNS).toContain(group);
  });

  for (const right of Object.keys(MATRIX)) {
    for (const group of COLUMNS) {
      const yes = granted(right, group);
      it(`${group} ${yes ? 'has' : 'lacks'} ${right}`, () => {
        expect(hasRight([group], right as Right)).toBe(yes);
        expect(rightsOf([group]).has(right as Right)).toBe(yes);
        if (yes) expect(() => assertRight([group], right as Right)).not.toThrow();
        else expect(errorOf(() => assertRight([group], right as Right)).code).toBe('auth.forbidden');
      });
    }
  }

  it('unions the rights of several groups, and of none is nothing', () => {
    expect(rightsOf([])).toEqual(new Set());
    const staffAndHub = rightsOf(['STAFF', 'HUB_OPERATOR']);
    expect(staffAndHub.has('student.register')).toBe(true);
    expect(staffAndHub.has('cds.registration')).toBe(true);
    expect(staffAndHub.has('cds.incoming.decrypt')).toBe(false);
  });

  it('refuses unknown groups and rights with their own codes', () => {
    expect(errorOf(() => rightsOf(['STAFF', 'JANITOR'])).code).toBe('auth.unknown_group');
    expect(errorOf(() => hasRight(['STAFF'], 'cds.everything' as Right)).code).toBe('auth.unknown_right');
    expect(errorOf(() => assertRight(['STAFF'], 'cds.everything' as Right)).code).toBe('auth.unknown_right');
  });

  it('uses a stored matrix when given one', () => {
    const custom = { ...DEFAULT_RIGHTS_MATRIX, 'cds.outgoing.process': ['STAFF'] as const };
    expect(hasRight(['STAFF'], 'cds.outgoing.process', custom)).toBe(true);
    expect(hasRight(['SCHOOL_HEAD'], 'cds.outgoing.process', custom)).toBe(false);
  });

  it('offers the school groups on agency nodes too, plus the agency group', () => {
    expect(GROUPS_BY_ROLE.school).toEqual(['CDS_ADMIN', 'SYSTEM_ADMIN', 'SCHOOL_HEAD', 'STAFF']);
    expect(GROUPS_BY_ROLE.agency).toEqual([
      'CDS_ADMIN',
      'SYSTEM_ADMIN',
      'SCHOOL_HEAD',
      'STAFF',
      'AGENCY_OFFICER',
    ]);
    expect(GROUPS_BY_ROLE.hub).toEqual(['HUB_OPERATOR']);
  });

  it('formats refusals in both languages', () => {
    const forbidden = errorOf(() => assertRight(['STAFF'], 'cds.incoming.decrypt'));
    expect(forbidden.details).toEqual({ right: 'cds.incoming.decrypt' });
    expect(forbidden.http).toBe(403);
    expect(forbidden.exitCode).toBe(5);
    expect(forbidden.messageIn('zh-HK')).toBe('你沒有執行此功能的權限（需要 cds.incoming.decrypt）。');
    expect(forbidden.messageIn('en')).toBe(
      'You do not have the right to do this (requires cds.incoming.decrypt).',
    );
    const group = errorOf(() => rightsOf(['JANITOR']));
    expect(group.messageIn('zh-HK')).toBe('未知的使用者組別：JANITOR。');
    expect(group.messageIn('en')).toBe('Unknown user group: JANITOR.');
  });
});
