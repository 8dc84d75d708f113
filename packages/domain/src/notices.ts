/**
 * 通知 at login (SPEC §6): which notices hold on a node, who sees them, which a user has dismissed
 * (不再顯示) and which header alert icons a user gets. Pure rules; the node gathers the facts
 * (counts, key validity, registration, lockout) and stores configuration and dismissals.
 *
 * An occurrence is (kind, scope, level). A dismissal hides the notice while its level does not rise:
 * a count notice (READY, unread, send failure) has scope `count` and the count as level, so it
 * returns when the count rises; a key expiry warning has the key id as scope and the warning step
 * (60, 30, 7 days) as level, so each step returns once; a lockout is scoped by its end time; a
 * maintenance notice by its id, with its last change as level (an edited notice is shown again).
 */
import { AppError } from './errors.js';
import { GROUPS_BY_ROLE, type Group, type NodeRole, type Right } from './rights.js';

/** Most urgent first: the order of the login dialog. */
export const SYSTEM_NOTICE_KINDS = [
  'not_registered',
  'key_expired',
  'key_locked',
  'send_fail',
  'key_expiring',
  'ready',
  'unread',
] as const;
export type SystemNoticeKind = (typeof SYSTEM_NOTICE_KINDS)[number];
export type NoticeKind = SystemNoticeKind | 'maintenance';

/** SPEC §6: key expired, not registered and send failures cannot be dismissed, whatever 維護通知 says. */
export const NEVER_DISMISSIBLE: readonly SystemNoticeKind[] = ['key_expired', 'not_registered', 'send_fail'];

export interface NoticeKindSetting {
  readonly groups: readonly Group[];
  readonly dismissible: boolean;
}
export type NoticeConfig = Readonly<Record<SystemNoticeKind, NoticeKindSetting>>;

/** SPEC §6: SYSTEM_ADMIN and SCHOOL_HEAD (the original's 網上校管系統管理員 and 校長 groups). */
export const DEFAULT_NOTICE_GROUPS: readonly Group[] = ['SYSTEM_ADMIN', 'SCHOOL_HEAD'];

export const DEFAULT_NOTICE_CONFIG: NoticeConfig = Object.fromEntries(
  SYSTEM_NOTICE_KINDS.map((kind) => [
    kind,
    { groups: DEFAULT_NOTICE_GROUPS, dismissible: !NEVER_DISMISSIBLE.includes(kind) },
  ]),
) as unknown as NoticeConfig;

/** The header icon of each kind: shown only to holders of the right, linking to where it is dealt with. */
export const NOTICE_ALERTS: Readonly<Record<SystemNoticeKind, { right: Right; link: string }>> = {
  not_registered: { right: 'cds.registration', link: '/registration' },
  key_expired: { right: 'cds.key', link: '/key/change' },
  key_locked: { right: 'cds.key', link: '/key/change' },
  send_fail: { right: 'cds.outgoing.process', link: '/outgoing?status=SEND_FAIL' },
  key_expiring: { right: 'cds.key', link: '/key/change' },
  ready: { right: 'cds.outgoing.process', link: '/outgoing/process' },
  unread: { right: 'cds.incoming.view', link: '/incoming' },
};

export type KeyFact =
  | { readonly state: 'missing' | 'valid' }
  | {
      readonly state: 'expiring';
      readonly kid: string;
      readonly daysLeft: number;
      readonly threshold: number;
    }
  | { readonly state: 'expired'; readonly kid: string; readonly validTo: number };

/** What the node knows when a user logs in. */
export interface NoticeFacts {
  readonly now: number;
  readonly ready: number;
  readonly unread: number;
  readonly sendFail: number;
  readonly key: KeyFact;
  readonly registered: boolean;
  readonly keyLockedUntil: number | null;
}

/** 維護通知 written by an administrator, shown between its dates to its groups. */
export interface MaintenanceNotice {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly validFrom: number;
  readonly validTo: number;
  readonly groups: readonly Group[];
  readonly dismissible: boolean;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Notice {
  /** `kind:scope`, what the dismiss request names. */
  readonly id: string;
  readonly kind: NoticeKind;
  readonly scope: string;
  readonly level: number;
  readonly dismissible: boolean;
  readonly groups: readonly Group[];
  /** Count notices: how many; key expiry: days left; lockout: until (epoch ms); expired key: validTo. */
  readonly value: number | null;
  /** Maintenance notices only. */
  readonly title?: string;
  readonly body?: string;
  readonly validTo?: number;
}

export interface Dismissal {
  readonly kind: NoticeKind;
  readonly scope: string;
  readonly level: number;
}

const EXPIRY_LEVEL: Readonly<Record<number, number>> = { 60: 1, 30: 2, 7: 3 };

function systemNotice(
  config: NoticeConfig,
  kind: SystemNoticeKind,
  scope: string,
  level: number,
  value: number | null,
): Notice {
  const setting = config[kind];
  return {
    id: `${kind}:${scope}`,
    kind,
    scope,
    level,
    value,
    groups: setting.groups,
    dismissible: setting.dismissible && !NEVER_DISMISSIBLE.includes(kind),
  };
}

/** Every notice whose condition holds on the node now, most urgent first, maintenance notices last. */
export function activeNotices(
  facts: NoticeFacts,
  maintenance: readonly MaintenanceNotice[],
  config: NoticeConfig = DEFAULT_NOTICE_CONFIG,
): Notice[] {
  const found: Notice[] = [];
  const add = (kind: SystemNoticeKind, scope: string, level: number, value: number | null) =>
    found.push(systemNotice(config, kind, scope, level, value));
  if (!facts.registered) add('not_registered', 'node', 1, null);
  if (facts.key.state === 'expired') add('key_expired', facts.key.kid, 1, facts.key.validTo);
  if (facts.keyLockedUntil !== null && facts.keyLockedUntil > facts.now)
    add('key_locked', String(facts.keyLockedUntil), 1, facts.keyLockedUntil);
  if (facts.sendFail > 0) add('send_fail', 'count', facts.sendFail, facts.sendFail);
  if (facts.key.state === 'expiring')
    add('key_expiring', facts.key.kid, EXPIRY_LEVEL[facts.key.threshold] ?? 1, facts.key.daysLeft);
  if (facts.ready > 0) add('ready', 'count', facts.ready, facts.ready);
  if (facts.unread > 0) add('unread', 'count', facts.unread, facts.unread);
  for (const notice of maintenance) {
    if (notice.validFrom > facts.now || notice.validTo <= facts.now) continue;
    found.push({
      id: `maintenance:${notice.id}`,
      kind: 'maintenance',
      scope: notice.id,
      level: notice.updatedAt,
      value: null,
      groups: notice.groups,
      dismissible: notice.dismissible,
      title: notice.title,
      body: notice.body,
      validTo: notice.validTo,
    });
  }
  return found;
}

export function isDismissed(notice: Notice, dismissals: readonly Dismissal[]): boolean {
  return dismissals.some(
    (d) => d.kind === notice.kind && d.scope === notice.scope && d.level >= notice.level,
  );
}

/** What the login dialog shows this user: their groups are in the audience, and not dismissed. */
export function pendingNotices(
  groups: readonly string[],
  active: readonly Notice[],
  dismissals: readonly Dismissal[],
): Notice[] {
  return active.filter(
    (notice) =>
      notice.groups.some((group) => groups.includes(group)) &&
      !(notice.dismissible && isDismissed(notice, dismissals)),
  );
}

export interface NoticeAlert {
  readonly kind: SystemNoticeKind;
  readonly value: number | null;
  readonly link: string;
}

/** Header icons: one per holding condition whose right the user has (SPEC §6), dismissed or not. */
export function alertsFor(rights: ReadonlySet<Right>, active: readonly Notice[]): NoticeAlert[] {
  return active.flatMap((notice) => {
    if (notice.kind === 'maintenance') return [];
    const alert = NOTICE_ALERTS[notice.kind];
    return rights.has(alert.right) ? [{ kind: notice.kind, value: notice.value, link: alert.link }] : [];
  });
}

/**
 * How a user's dismissals follow the facts: a dismissal whose condition no longer holds is dropped,
 * and one above the current level is lowered to it, so "returns when the count rises" counts from
 * the lowest value seen since (5 dismissed, down to 3, up to 4: shown again).
 */
export function reconcileDismissals(
  dismissals: readonly Dismissal[],
  active: readonly Notice[],
): { drop: Dismissal[]; lower: Dismissal[] } {
  const drop: Dismissal[] = [];
  const lower: Dismissal[] = [];
  for (const dismissal of dismissals) {
    const notice = active.find((n) => n.kind === dismissal.kind && n.scope === dismissal.scope);
    if (!notice) drop.push(dismissal);
    else if (notice.level < dismissal.level) lower.push({ ...dismissal, level: notice.level });
  }
  return { drop, lower };
}

/** The dismissal a user's 不再顯示 records, or why it is refused. */
export function dismissalOf(noticeId: string, visible: readonly Notice[]): Dismissal {
  const notice = visible.find((n) => n.id === noticeId);
  if (!notice) throw new AppError('notice.not_found', { id: noticeId });
  if (!notice.dismissible) throw new AppError('notice.not_dismissible', { id: noticeId });
  return { kind: notice.kind, scope: notice.scope, level: notice.level };
}

/**
 * A configuration from 維護通知 checked against the rules: groups must exist on this kind of node,
 * and the kinds SPEC §6 keeps on screen cannot be made dismissible.
 */
export function validateNoticeConfig(
  input: Readonly<Record<SystemNoticeKind, { groups: readonly string[]; dismissible: boolean }>>,
  role: NodeRole,
): NoticeConfig {
  const out: Partial<Record<SystemNoticeKind, NoticeKindSetting>> = {};
  for (const kind of SYSTEM_NOTICE_KINDS) {
    const setting = input[kind];
    if (setting.dismissible && NEVER_DISMISSIBLE.includes(kind))
      throw new AppError('notice.kind_not_dismissible', { kind });
    out[kind] = { groups: validGroups(setting.groups, role), dismissible: setting.dismissible };
  }
  return out as NoticeConfig;
}

/** Groups of an audience: known on this kind of node, each once, at least one. */
export function validGroups(groups: readonly string[], role: NodeRole): Group[] {
  const allowed = GROUPS_BY_ROLE[role] as readonly string[];
  const unknown = groups.find((g) => !allowed.includes(g));
  if (unknown !== undefined) throw new AppError('notice.unknown_group', { group: unknown });
  if (groups.length === 0) throw new AppError('notice.no_audience');
  return [...new Set(groups)] as Group[];
}

/** A stored configuration read back: anything missing or broken falls back to the defaults. */
export function parseNoticeConfig(stored: string | null): NoticeConfig {
  if (stored === null) return DEFAULT_NOTICE_CONFIG;
  try {
    const parsed = JSON.parse(stored) as Partial<Record<SystemNoticeKind, NoticeKindSetting>>;
    return Object.fromEntries(
      SYSTEM_NOTICE_KINDS.map((kind) => {
        const setting = parsed[kind];
        const ok = setting !== undefined && Array.isArray(setting.groups) && setting.groups.length > 0;
        return [
          kind,
          ok
            ? {
                groups: setting.groups,
                dismissible: setting.dismissible && !NEVER_DISMISSIBLE.includes(kind),
              }
            : DEFAULT_NOTICE_CONFIG[kind],
        ];
      }),
    ) as unknown as NoticeConfig;
  } catch {
    return DEFAULT_NOTICE_CONFIG;
  }
}
