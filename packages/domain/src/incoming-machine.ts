/**
 * The incoming status machine, row for row SPEC §3.2 (接收訊息狀況).
 *
 * Choices where the SPEC table is terse:
 * - "downloaded in a cycle, or imported from a bundle" are two actions from NEW: `download` (the
 *   transmission, no user) and `import_bundle` (a user with `cds.exportImport`, SPEC §5).
 * - "decrypt" and "module import" are each split by outcome (`decrypt_ok` / `decrypt_fail`,
 *   `import_ok` / `import_fail`): the caller learns the outcome first, then asks the machine. A
 *   wrong School Key is neither: it changes no status (SPEC §3.2), so it never reaches here.
 * - `reply` keeps the incoming status; its effect tells the caller to create the outgoing READY
 *   message (outgoing `create`, source `reply`).
 * - "any" means every stored status; nothing happens from NEW but arriving.
 */
import type { CodeOf, CodeTable } from './codes.js';
import { INCOMING_STATUS_TABLE } from './codes.js';
import {
  defineMachine,
  type ActionFilter,
  type Deleted,
  type New,
  type Transition,
  type TransitionRule,
} from './machine.js';
import { INCOMING_STATUSES, type IncomingStatus } from './model.js';

export const INCOMING_ACTIONS = {
  name: 'incomingAction',
  title: { 'zh-HK': '接收訊息操作', en: 'Incoming message action' },
  entries: [
    { code: 'download', 'zh-HK': '下載', en: 'Download' },
    { code: 'import_bundle', 'zh-HK': '匯入訊息', en: 'Import from a bundle' },
    { code: 'decrypt_ok', 'zh-HK': '解密成功', en: 'Decryption succeeded' },
    { code: 'decrypt_fail', 'zh-HK': '解密不成功', en: 'Decryption failed' },
    { code: 'import_ok', 'zh-HK': '匯入成功', en: 'Import succeeded' },
    { code: 'import_fail', 'zh-HK': '匯入不成功', en: 'Import failed' },
    { code: 'reply', 'zh-HK': '回覆', en: 'Reply' },
    { code: 'mark_read', 'zh-HK': '標示為已讀', en: 'Mark as read' },
    { code: 'mark_unread', 'zh-HK': '標示為未讀', en: 'Mark as unread' },
    { code: 'archive', 'zh-HK': '庫存', en: 'Archive' },
    { code: 'unarchive', 'zh-HK': '取消庫存', en: 'Un-archive' },
    { code: 'delete', 'zh-HK': '刪除', en: 'Delete' },
  ],
} as const satisfies CodeTable<string>;
export type IncomingAction = CodeOf<typeof INCOMING_ACTIONS>;

/**
 * What the caller must write besides the status:
 * keep_reason (the failed check, into lastError), keep_report (the module's import result or
 * exception report), create_reply (a new outgoing READY message with replyTo = this id),
 * set_read / clear_read, set_archived / clear_archived, tombstone (of (from, id), so no later
 * download or import re-creates the message).
 */
export type IncomingEffect =
  | 'keep_reason'
  | 'keep_report'
  | 'create_reply'
  | 'set_read'
  | 'clear_read'
  | 'set_archived'
  | 'clear_archived'
  | 'tombstone';

export type IncomingFrom = IncomingStatus | New;
export type IncomingTo = IncomingStatus | Deleted;
export type IncomingTransition = Transition<IncomingStatus, IncomingAction, IncomingEffect>;

const ANY = INCOMING_STATUSES;
const DECRYPTOR = { kind: 'rights', all: ['cds.incoming.decrypt'] } as const;
const MODULE = { kind: 'module' } as const;
const VIEWER = { kind: 'rights', all: ['cds.incoming.view'] } as const;
const ARCHIVIST = { kind: 'rights', all: ['cds.archive'] } as const;

export const INCOMING_TRANSITIONS: readonly TransitionRule<IncomingStatus, IncomingAction, IncomingEffect>[] =
  [
    { from: ['NEW'], action: 'download', to: 'ENCRYPTED', who: { kind: 'system', actor: 'transmission' } },
    {
      from: ['NEW'],
      action: 'import_bundle',
      to: 'ENCRYPTED',
      who: { kind: 'rights', all: ['cds.exportImport'] },
    },
    { from: ['ENCRYPTED', 'DECRYPT_FAIL'], action: 'decrypt_ok', to: 'DECRYPTED', who: DECRYPTOR },
    {
      from: ['ENCRYPTED', 'DECRYPT_FAIL'],
      action: 'decrypt_fail',
      to: 'DECRYPT_FAIL',
      who: DECRYPTOR,
      effect: 'keep_reason',
    },
    {
      from: ['DECRYPTED', 'IMPORT_FAIL'],
      action: 'import_ok',
      to: 'IMPORTED',
      who: MODULE,
      effect: 'keep_report',
    },
    {
      from: ['DECRYPTED', 'IMPORT_FAIL'],
      action: 'import_fail',
      to: 'IMPORT_FAIL',
      who: MODULE,
      effect: 'keep_report',
    },
    {
      from: ['DECRYPTED', 'IMPORTED', 'IMPORT_FAIL'],
      action: 'reply',
      to: 'SAME',
      who: { kind: 'rights', all: ['cds.incoming.reply'] },
      effect: 'create_reply',
    },
    { from: ANY, action: 'mark_read', to: 'SAME', who: VIEWER, effect: 'set_read' },
    { from: ANY, action: 'mark_unread', to: 'SAME', who: VIEWER, effect: 'clear_read' },
    { from: ANY, action: 'archive', to: 'SAME', who: ARCHIVIST, effect: 'set_archived' },
    { from: ANY, action: 'unarchive', to: 'SAME', who: ARCHIVIST, effect: 'clear_archived' },
    {
      from: ANY,
      action: 'delete',
      to: 'DELETED',
      who: { kind: 'rights', all: ['cds.incoming.delete'] },
      effect: 'tombstone',
    },
  ];

const machine = defineMachine({
  box: 'incoming',
  statuses: INCOMING_STATUS_TABLE,
  actions: INCOMING_ACTIONS,
  rules: INCOMING_TRANSITIONS,
});

/**
 * Where `action` takes a message in `status`. Throws `message.unknown_action`, `message.deleted`,
 * `message.unknown_status` or `message.invalid_transition`; never changes anything itself.
 */
export function transitionIncoming(
  status: IncomingFrom,
  action: IncomingAction | (string & {}),
): IncomingTransition {
  return machine.transition(status, action);
}

/** The actions allowed in `status`, in table order; `user` leaves out the transmission's events. */
export function allowedIncomingActions(
  status: IncomingFrom,
  filter: ActionFilter = 'all',
): readonly IncomingAction[] {
  return machine.allowedActions(status, filter);
}
