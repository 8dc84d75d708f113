import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTICE_CONFIG,
  activeNotices,
  alertsFor,
  parseNoticeConfig,
  pendingNotices,
  reconcileDismissals,
  validateNoticeConfig,
  type NoticeFacts,
} from './notices.js';
import { rightsOf } from './rights.js';

const NOW = Date.UTC(2026, 8, 1);
const quiet: NoticeFacts = {
  now: NOW,
  ready: 0,
  unread: 0,
  sendFail: 0,
  key: { state: 'valid' },
  registered: true,
  keyLockedUntil: null,
};
const ids = (facts: Partial<NoticeFacts>) => activeNotices({ ...quiet, ...facts }, []).map((n) => n.id);

describe('which notices hold (SPEC §6: only when their condition holds)', () => {
  it('none on a quiet node', () => expect(ids({})).toEqual([]));

  it('each condition, most urgent first', () => {
    expect(
      ids({
        ready: 2,
        unread: 1,
        sendFail: 3,
        registered: false,
        keyLockedUntil: NOW + 60_000,
        key: { state: 'expiring', kid: 'k1', daysLeft: 25, threshold: 30 },
      }),
    ).toEqual([
      'not_registered:node',
      `key_locked:${NOW + 60_000}`,
      'send_fail:count',
      'key_expiring:k1',
      'ready:count',
      'unread:count',
    ]);
    expect(ids({ key: { state: 'expired', kid: 'k1', validTo: NOW - 1 } })).toEqual(['key_expired:k1']);
    expect(ids({ keyLockedUntil: NOW - 1 })).toEqual([]); // a lockout that ended
  });

  it('key expired, not registered and send failures cannot be dismissed; the others can by default', () => {
    const all = activeNotices(
      {
        ...quiet,
        ready: 1,
        unread: 1,
        sendFail: 1,
        registered: false,
        key: { state: 'expired', kid: 'k', validTo: 0 },
      },
      [],
    );
    expect(Object.fromEntries(all.map((n) => [n.kind, n.dismissible]))).toEqual({
      not_registered: false,
      key_expired: false,
      send_fail: false,
      ready: true,
      unread: true,
    });
  });

  it('maintenance notices only inside their period', () => {
    const notice = {
      id: 'm1',
      title: 't',
      body: 'b',
      validFrom: NOW - 10,
      validTo: NOW + 10,
      groups: ['STAFF' as const],
      dismissible: false,
      createdBy: 'a',
      createdAt: 0,
      updatedAt: 5,
    };
    expect(activeNotices(quiet, [notice]).map((n) => n.id)).toEqual(['maintenance:m1']);
    expect(activeNotices(quiet, [{ ...notice, validTo: NOW }])).toEqual([]);
    expect(activeNotices(quiet, [{ ...notice, validFrom: NOW + 1 }])).toEqual([]);
  });
});

describe('audience and dismissal', () => {
  const active = activeNotices({ ...quiet, ready: 5, registered: false }, []);

  it('default audience SYSTEM_ADMIN and SCHOOL_HEAD', () => {
    expect(pendingNotices(['SCHOOL_HEAD'], active, [])).toHaveLength(2);
    expect(pendingNotices(['SYSTEM_ADMIN'], active, [])).toHaveLength(2);
    expect(pendingNotices(['STAFF'], active, [])).toEqual([]);
    expect(pendingNotices(['CDS_ADMIN'], active, [])).toEqual([]);
  });

  it('a dismissal hides the occurrence until its level rises; a non-dismissible one ignores it', () => {
    const dismissed = [
      { kind: 'ready' as const, scope: 'count', level: 5 },
      { kind: 'not_registered' as const, scope: 'node', level: 1 },
    ];
    expect(pendingNotices(['SCHOOL_HEAD'], active, dismissed).map((n) => n.id)).toEqual([
      'not_registered:node',
    ]);
    const more = activeNotices({ ...quiet, ready: 6, registered: false }, []);
    expect(pendingNotices(['SCHOOL_HEAD'], more, dismissed).map((n) => n.id)).toContain('ready:count');
  });

  it('expiry warnings return at 60, 30 and 7 days', () => {
    const at = (threshold: number) =>
      activeNotices({ ...quiet, key: { state: 'expiring', kid: 'k', daysLeft: threshold, threshold } }, []);
    const dismissedAt60 = [{ kind: 'key_expiring' as const, scope: 'k', level: at(60)[0]!.level }];
    expect(pendingNotices(['SCHOOL_HEAD'], at(60), dismissedAt60)).toEqual([]);
    expect(pendingNotices(['SCHOOL_HEAD'], at(30), dismissedAt60)).toHaveLength(1);
    expect(pendingNotices(['SCHOOL_HEAD'], at(7), dismissedAt60)).toHaveLength(1);
  });

  it('dismissals follow the facts: dropped when the condition lapses, lowered when the count falls', () => {
    const dismissals = [
      { kind: 'ready' as const, scope: 'count', level: 9 },
      { kind: 'unread' as const, scope: 'count', level: 2 },
    ];
    expect(reconcileDismissals(dismissals, active)).toEqual({
      drop: [{ kind: 'unread', scope: 'count', level: 2 }],
      lower: [{ kind: 'ready', scope: 'count', level: 5 }],
    });
  });
});

describe('header alerts by right', () => {
  const active = activeNotices({ ...quiet, ready: 2, unread: 4, registered: false }, []);
  it('a key holder sees READY, unread and registration; staff only unread', () => {
    expect(alertsFor(rightsOf(['SCHOOL_HEAD']), active).map((a) => a.kind)).toEqual([
      'not_registered',
      'ready',
      'unread',
    ]);
    expect(alertsFor(rightsOf(['STAFF']), active)).toEqual([{ kind: 'unread', value: 4, link: '/incoming' }]);
  });
});

describe('維護通知 configuration', () => {
  it('refuses making a never-dismissible kind dismissible, unknown groups and empty audiences', () => {
    const base = { ...DEFAULT_NOTICE_CONFIG };
    expect(() =>
      validateNoticeConfig({ ...base, key_expired: { groups: ['STAFF'], dismissible: true } }, 'school'),
    ).toThrow(expect.objectContaining({ code: 'notice.kind_not_dismissible' }));
    expect(() =>
      validateNoticeConfig({ ...base, ready: { groups: ['AGENCY_OFFICER'], dismissible: true } }, 'school'),
    ).toThrow(expect.objectContaining({ code: 'notice.unknown_group' }));
    expect(
      validateNoticeConfig({ ...base, ready: { groups: ['AGENCY_OFFICER'], dismissible: true } }, 'agency')
        .ready.groups,
    ).toEqual(['AGENCY_OFFICER']);
    expect(() =>
      validateNoticeConfig({ ...base, ready: { groups: [], dismissible: true } }, 'school'),
    ).toThrow(expect.objectContaining({ code: 'notice.no_audience' }));
  });

  it('a broken stored value falls back to the defaults', () => {
    expect(parseNoticeConfig('{oops')).toBe(DEFAULT_NOTICE_CONFIG);
    expect(
      parseNoticeConfig(JSON.stringify({ send_fail: { groups: ['STAFF'], dismissible: true } })).send_fail,
    ).toEqual({
      groups: ['STAFF'],
      dismissible: false,
    });
  });
});
