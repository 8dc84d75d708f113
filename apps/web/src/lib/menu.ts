import type { Right } from '@cds/domain';
import {
  IconArchive,
  IconChartBar,
  IconFileText,
  IconHelpCircle,
  IconHome,
  IconInbox,
  IconKey,
  IconSend,
  IconSettings,
  IconTransfer,
  IconUserShield,
  IconArrowsExchange,
  IconIdBadge2,
  IconVersions,
  IconSchool,
  type Icon,
} from '@tabler/icons-react';

export interface MenuLeaf {
  /** Key under `menu.` in the locale files: the names of the training slides. */
  readonly label: string;
  readonly path: string;
  /** Shown only to users holding this right (SPEC §7); absent = every logged-in user. */
  readonly right?: Right;
  /** Shown only on this kind of node (the Student module's screens differ at a school and at EDB). */
  readonly role?: 'school' | 'agency';
}

export interface MenuEntry extends MenuLeaf {
  readonly icon: Icon;
  readonly children?: readonly MenuLeaf[];
}

/**
 * The CDS menu in the order of the training course's function overview (聯遞系統功能概覽). A
 * parent shows when the user may use at least one of its children.
 */
export const MENU: readonly MenuEntry[] = [
  { label: 'home', path: '/', icon: IconHome },
  {
    label: 'outgoing',
    path: '/outgoing',
    icon: IconSend,
    right: 'cds.outgoing.own',
    children: [
      { label: 'outgoingEdit', path: '/outgoing', right: 'cds.outgoing.own' },
      { label: 'outgoingProcess', path: '/outgoing/process', right: 'cds.outgoing.process' },
      { label: 'outgoingUpload', path: '/outgoing/upload', right: 'cds.outgoing.own' },
    ],
  },
  { label: 'incoming', path: '/incoming', icon: IconInbox, right: 'cds.incoming.view' },
  {
    label: 'transmission',
    path: '/transmission',
    icon: IconTransfer,
    right: 'cds.transmission',
    children: [
      { label: 'transmissionNow', path: '/transmission', right: 'cds.transmission' },
      { label: 'transmissionSchedule', path: '/transmission/schedule', right: 'cds.transmission' },
    ],
  },
  {
    label: 'exportImport',
    path: '/export',
    icon: IconArrowsExchange,
    right: 'cds.exportImport',
    children: [
      { label: 'export', path: '/export', right: 'cds.exportImport' },
      { label: 'import', path: '/import', right: 'cds.exportImport' },
    ],
  },
  {
    label: 'archive',
    path: '/archive/outgoing',
    icon: IconArchive,
    right: 'cds.archive',
    children: [
      { label: 'archiveOutgoing', path: '/archive/outgoing', right: 'cds.archive' },
      { label: 'archiveIncoming', path: '/archive/incoming', right: 'cds.archive' },
    ],
  },
  { label: 'reports', path: '/reports', icon: IconChartBar, right: 'cds.report' },
  { label: 'log', path: '/log', icon: IconFileText, right: 'cds.log' },
  {
    label: 'key',
    path: '/key/change',
    icon: IconKey,
    right: 'cds.key',
    children: [
      { label: 'keyChange', path: '/key/change', right: 'cds.key' },
      { label: 'keyHistory', path: '/key/history', right: 'cds.key' },
      { label: 'keyUnconfirmed', path: '/key/unconfirmed', right: 'cds.key' },
    ],
  },
  { label: 'version', path: '/version', icon: IconVersions, right: 'cds.version' },
  { label: 'registration', path: '/registration', icon: IconIdBadge2, right: 'cds.registration' },
  {
    label: 'student',
    path: '/student',
    icon: IconSchool,
    children: [
      { label: 'studentRegister', path: '/student', right: 'student.register', role: 'school' },
      { label: 'studentExchange', path: '/student/exchange', right: 'student.dataExchange', role: 'school' },
      { label: 'studentReceived', path: '/student/received', right: 'cds.incoming.view', role: 'agency' },
    ],
  },
  {
    label: 'settings',
    path: '/settings',
    icon: IconSettings,
    children: [
      { label: 'settingsGeneral', path: '/settings', right: 'cds.settings' },
      {
        label: 'notificationMaintenance',
        path: '/settings/notifications',
        right: 'cds.notification.maintain',
      },
    ],
  },
  { label: 'users', path: '/users', icon: IconUserShield, right: 'admin.users' },
  { label: 'help', path: '/help', icon: IconHelpCircle },
];

const allowed = (leaf: MenuLeaf, rights: readonly Right[], role?: 'school' | 'agency') =>
  (leaf.right === undefined || rights.includes(leaf.right)) &&
  (leaf.role === undefined || role === undefined || leaf.role === role);

/** The menu as this user sees it: entries and children they have no right to are absent. */
export function visibleMenu(rights: readonly Right[], role?: 'school' | 'agency'): MenuEntry[] {
  return MENU.flatMap((entry) => {
    if (!entry.children) return allowed(entry, rights, role) ? [entry] : [];
    const children = entry.children.filter((child) => allowed(child, rights, role));
    if (children.length === 0) return [];
    return [{ ...entry, path: children[0]?.path ?? entry.path, children }];
  });
}

const LEAVES: readonly MenuLeaf[] = MENU.flatMap((entry) => entry.children ?? [entry]);

/** Every page of the menu, each with the right it needs (the router refuses the page without it). */
export function menuPages(): readonly MenuLeaf[] {
  return LEAVES;
}
