/**
 * Users' groups and rights (SPEC §7). The matrix is data, one row per right as in the SPEC, so a
 * reviewer can hold it against the SPEC cell by cell; a node may later store its own matrix
 * (DESIGN `group_rights`), which is why every function takes the matrix as an optional argument.
 *
 * SPEC §7 fixes the four school groups. AGENCY_OFFICER and HUB_OPERATOR are named there without
 * cells; their grants below are decisions of this file:
 * - AGENCY_OFFICER works an agency's shared inbox and outbox: view, reply, decrypt, confidential,
 *   archive, transmission, report, log, key; outgoing own/all/process for broadcasts, and for the
 *   business receipt (processed / returned), which is signed with the agency's message key and so
 *   is a key-holder act like sealing. No delete, export/import or administration: an agency node
 *   keeps the school groups for those ("Agency nodes add AGENCY_OFFICER").
 * - HUB_OPERATOR gets the node rights whose hub counterpart the operator console runs (SPEC §9):
 *   registration (codes, revocation, approval codes), exportImport (offline ingest, export-for),
 *   version (the version register), transmission (queues and traffic), report, log, settings and
 *   admin.users (the hub has no other group to administer its users).
 */
import { AppError } from './errors.js';
import type { CodeOf, CodeTable } from './codes.js';

export const RIGHTS = {
  name: 'right',
  title: { 'zh-HK': '權限', en: 'Right' },
  entries: [
    {
      code: 'cds.outgoing.own',
      'zh-HK': '自己的寄發訊息（新增、修改、刪除、上載資料）',
      en: 'Own outgoing messages (add, modify, delete, upload data)',
    },
    { code: 'cds.outgoing.all', 'zh-HK': '其他使用者的寄發訊息', en: "Other users' outgoing messages" },
    {
      code: 'cds.outgoing.process',
      'zh-HK': '處理訊息（加密、拒絕、再傳送、匯出）',
      en: 'Process messages (seal, reject, resend, export)',
    },
    { code: 'cds.incoming.view', 'zh-HK': '檢視接收訊息', en: 'View incoming messages' },
    { code: 'cds.incoming.reply', 'zh-HK': '回覆接收訊息', en: 'Reply to incoming messages' },
    { code: 'cds.incoming.decrypt', 'zh-HK': '解密接收訊息', en: 'Decrypt incoming messages' },
    {
      code: 'cds.incoming.confidential',
      'zh-HK': '檢視機密訊息附件',
      en: 'View attachments of confidential messages',
    },
    { code: 'cds.incoming.delete', 'zh-HK': '刪除接收訊息', en: 'Delete incoming messages' },
    { code: 'cds.archive', 'zh-HK': '庫存訊息', en: 'Archive messages' },
    {
      code: 'cds.transmission',
      'zh-HK': '傳送（即時傳送、設定時間輸送）',
      en: 'Transmission (start, schedule)',
    },
    { code: 'cds.exportImport', 'zh-HK': '匯出/匯入訊息', en: 'Export / import messages' },
    { code: 'cds.report', 'zh-HK': '聯遞系統報告', en: 'CDS reports' },
    { code: 'cds.log', 'zh-HK': '聯遞系統紀錄', en: 'CDS log' },
    { code: 'cds.key', 'zh-HK': '學校密碼匙（更改、更改紀錄）', en: 'School Key (change, history)' },
    { code: 'cds.registration', 'zh-HK': '系統註冊', en: 'Registration' },
    { code: 'cds.version', 'zh-HK': '傳送網上校管系統版本', en: 'Send the WebSAMS version' },
    { code: 'cds.settings', 'zh-HK': '設定', en: 'Settings' },
    { code: 'cds.notification.maintain', 'zh-HK': '維護通知', en: 'Maintain notifications' },
    { code: 'admin.users', 'zh-HK': '使用者管理', en: 'User administration' },
    { code: 'student.register', 'zh-HK': '學生資料', en: 'Student register' },
    { code: 'student.dataExchange', 'zh-HK': '資料互換', en: 'Student data exchange' },
  ],
} as const satisfies CodeTable<string>;
export type Right = CodeOf<typeof RIGHTS>;

export type NodeRole = 'school' | 'agency' | 'hub';

export const GROUPS = {
  name: 'group',
  title: { 'zh-HK': '使用者組別', en: 'User group' },
  entries: [
    { code: 'CDS_ADMIN', 'zh-HK': '聯遞系統管理員', en: 'CDS administrator' },
    { code: 'SYSTEM_ADMIN', 'zh-HK': '網上校管系統管理員', en: 'WebSAMS system administrator' },
    { code: 'SCHOOL_HEAD', 'zh-HK': '校長', en: 'School head' },
    { code: 'STAFF', 'zh-HK': '教職員', en: 'Staff' },
    { code: 'AGENCY_OFFICER', 'zh-HK': '機構職員', en: 'Agency officer' },
    { code: 'HUB_OPERATOR', 'zh-HK': '中央伺服器操作員', en: 'Hub operator' },
  ],
} as const satisfies CodeTable<string>;
export type Group = CodeOf<typeof GROUPS>;

const SCHOOL_GROUPS = [
  'CDS_ADMIN',
  'SYSTEM_ADMIN',
  'SCHOOL_HEAD',
  'STAFF',
] as const satisfies readonly Group[];

/** Which groups a deployable offers: agency nodes run the school program plus their own group. */
export const GROUPS_BY_ROLE: Readonly<Record<NodeRole, readonly Group[]>> = {
  school: SCHOOL_GROUPS,
  agency: [...SCHOOL_GROUPS, 'AGENCY_OFFICER'],
  hub: ['HUB_OPERATOR'],
};

export type RightsMatrix = Readonly<Record<Right, readonly Group[]>>;

const ADMIN_HEAD = ['CDS_ADMIN', 'SYSTEM_ADMIN', 'SCHOOL_HEAD'] as const;
const KEY_HOLDERS = ['CDS_ADMIN', 'SCHOOL_HEAD'] as const;
const EVERY_SCHOOL_GROUP = SCHOOL_GROUPS;

export const DEFAULT_RIGHTS_MATRIX: RightsMatrix = {
  'cds.outgoing.own': [...EVERY_SCHOOL_GROUP, 'AGENCY_OFFICER'],
  'cds.outgoing.all': [...ADMIN_HEAD, 'AGENCY_OFFICER'],
  'cds.outgoing.process': [...KEY_HOLDERS, 'AGENCY_OFFICER'],
  'cds.incoming.view': [...EVERY_SCHOOL_GROUP, 'AGENCY_OFFICER'],
  'cds.incoming.reply': [...EVERY_SCHOOL_GROUP, 'AGENCY_OFFICER'],
  'cds.incoming.decrypt': [...KEY_HOLDERS, 'AGENCY_OFFICER'],
  'cds.incoming.confidential': [...KEY_HOLDERS, 'AGENCY_OFFICER'],
  'cds.incoming.delete': [...ADMIN_HEAD],
  'cds.archive': [...ADMIN_HEAD, 'AGENCY_OFFICER'],
  'cds.transmission': [...ADMIN_HEAD, 'AGENCY_OFFICER', 'HUB_OPERATOR'],
  'cds.exportImport': [...KEY_HOLDERS, 'HUB_OPERATOR'],
  'cds.report': [...ADMIN_HEAD, 'AGENCY_OFFICER', 'HUB_OPERATOR'],
  'cds.log': [...ADMIN_HEAD, 'AGENCY_OFFICER', 'HUB_OPERATOR'],
  'cds.key': [...KEY_HOLDERS, 'AGENCY_OFFICER'],
  'cds.registration': [...KEY_HOLDERS, 'HUB_OPERATOR'],
  'cds.version': [...KEY_HOLDERS, 'HUB_OPERATOR'],
  'cds.settings': ['CDS_ADMIN', 'SYSTEM_ADMIN', 'HUB_OPERATOR'],
  'cds.notification.maintain': ['CDS_ADMIN', 'SYSTEM_ADMIN'],
  'admin.users': ['CDS_ADMIN', 'SYSTEM_ADMIN', 'HUB_OPERATOR'],
  'student.register': [...EVERY_SCHOOL_GROUP],
  'student.dataExchange': [...EVERY_SCHOOL_GROUP],
};

export function isRight(value: unknown): value is Right {
  return typeof value === 'string' && RIGHTS.entries.some((entry) => entry.code === value);
}

export function isGroup(value: unknown): value is Group {
  return typeof value === 'string' && GROUPS.entries.some((entry) => entry.code === value);
}

/** Group names come from the database or a session: an unknown one is refused, never ignored. */
export function rightsOf(
  groups: Iterable<string>,
  matrix: RightsMatrix = DEFAULT_RIGHTS_MATRIX,
): ReadonlySet<Right> {
  const wanted = new Set<Group>();
  for (const group of groups) {
    if (!isGroup(group)) throw new AppError('auth.unknown_group', { group });
    wanted.add(group);
  }
  const granted = new Set<Right>();
  for (const { code: right } of RIGHTS.entries) {
    if (matrix[right].some((group) => wanted.has(group))) granted.add(right);
  }
  return granted;
}

/** An unknown right is a programming error (a typo in a route), hence `auth.unknown_right`. */
export function hasRight(
  groups: Iterable<string>,
  right: Right,
  matrix: RightsMatrix = DEFAULT_RIGHTS_MATRIX,
): boolean {
  if (!isRight(right)) throw new AppError('auth.unknown_right', { right: String(right) });
  return rightsOf(groups, matrix).has(right);
}

export function assertRight(
  groups: Iterable<string>,
  right: Right,
  matrix: RightsMatrix = DEFAULT_RIGHTS_MATRIX,
): void {
  if (!hasRight(groups, right, matrix)) throw new AppError('auth.forbidden', { right });
}
