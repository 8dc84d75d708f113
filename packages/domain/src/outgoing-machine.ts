/**
 * The outgoing status machine, row for row SPEC §3.1 (寄發訊息狀況). The server enforces it and the
 * UI asks it which buttons to show; nothing else decides whether an outgoing status may change.
 *
 * Choices where the SPEC table is terse:
 * - The "—" row (add, upload data, module confirm, reply, version Start) is one action, `create`,
 *   from the pseudo-status NEW; the source only changes which right creates (OUTGOING_SOURCE_RIGHTS).
 * - `export` needs the key-holder right (§3.1 "key holder", §7 "process: … export") and
 *   `cds.exportImport` (§7), since the SPEC names both.
 * - archive / un-archive of outgoing messages follow §3.1 ("owner, or cds.outgoing.all"), not the
 *   `cds.archive` right, which §3.2 uses for incoming messages.
 */
import type { CodeOf, CodeTable } from './codes.js';
import { OUTGOING_STATUS_TABLE } from './codes.js';
import {
  defineMachine,
  type ActionFilter,
  type Deleted,
  type New,
  type Transition,
  type TransitionRule,
} from './machine.js';
import type { OutgoingStatus } from './model.js';
import type { Right } from './rights.js';

export const OUTGOING_ACTIONS = {
  name: 'outgoingAction',
  title: { 'zh-HK': '寄發訊息操作', en: 'Outgoing message action' },
  entries: [
    { code: 'create', 'zh-HK': '新增訊息', en: 'Create' },
    { code: 'modify', 'zh-HK': '修改', en: 'Modify' },
    { code: 'seal', 'zh-HK': '加密', en: 'Seal' },
    { code: 'reject', 'zh-HK': '拒絕', en: 'Reject' },
    { code: 'acceptance_receipt', 'zh-HK': '收到中央伺服器接收回條', en: 'Hub acceptance receipt' },
    { code: 'send_fail', 'zh-HK': '輸送失敗', en: 'Send failure' },
    { code: 'hub_refusal', 'zh-HK': '中央伺服器拒絕', en: 'Hub refusal' },
    { code: 'delivery_receipt', 'zh-HK': '收到送達回條', en: 'Delivery receipt' },
    { code: 'recipient_refusal', 'zh-HK': '收件者拒絕', en: 'Recipient refusal' },
    { code: 'resend', 'zh-HK': '再傳送', en: 'Resend' },
    { code: 'export', 'zh-HK': '匯出', en: 'Export' },
    { code: 'delete', 'zh-HK': '刪除', en: 'Delete' },
    { code: 'archive', 'zh-HK': '庫存', en: 'Archive' },
    { code: 'unarchive', 'zh-HK': '取消庫存', en: 'Un-archive' },
  ],
} as const satisfies CodeTable<string>;
export type OutgoingAction = CodeOf<typeof OUTGOING_ACTIONS>;

/**
 * What the caller must write besides the status:
 * keep_reason (the user's, the hub's or the recipient's reason, into lastError), mark_exported,
 * set_archived / clear_archived, tombstone (delete the row, keep a tombstone, audit).
 */
export type OutgoingEffect =
  'keep_reason' | 'mark_exported' | 'set_archived' | 'clear_archived' | 'tombstone';

export type OutgoingFrom = OutgoingStatus | New;
export type OutgoingTo = OutgoingStatus | Deleted;
export type OutgoingTransition = Transition<OutgoingStatus, OutgoingAction, OutgoingEffect>;

const KEY_HOLDER = { kind: 'rights', all: ['cds.outgoing.process'] } as const;
const TRANSMISSION = { kind: 'system', actor: 'transmission' } as const;
const OWNER = { kind: 'owner' } as const;

export const OUTGOING_TRANSITIONS: readonly TransitionRule<OutgoingStatus, OutgoingAction, OutgoingEffect>[] =
  [
    { from: ['NEW'], action: 'create', to: 'READY', who: { kind: 'source' } },
    { from: ['READY'], action: 'modify', to: 'SAME', who: OWNER },
    { from: ['READY'], action: 'seal', to: 'PROCESSING', who: KEY_HOLDER },
    { from: ['READY'], action: 'reject', to: 'REJECTED', who: KEY_HOLDER, effect: 'keep_reason' },
    { from: ['PROCESSING', 'SEND_FAIL'], action: 'acceptance_receipt', to: 'SENT', who: TRANSMISSION },
    { from: ['PROCESSING'], action: 'send_fail', to: 'SEND_FAIL', who: TRANSMISSION, effect: 'keep_reason' },
    { from: ['PROCESSING'], action: 'hub_refusal', to: 'REJECTED', who: TRANSMISSION, effect: 'keep_reason' },
    { from: ['SENT', 'SEND_FAIL'], action: 'delivery_receipt', to: 'RECEIVED', who: TRANSMISSION },
    { from: ['SENT'], action: 'recipient_refusal', to: 'REJECTED', who: TRANSMISSION, effect: 'keep_reason' },
    { from: ['SENT', 'SEND_FAIL', 'RECEIVED'], action: 'resend', to: 'PROCESSING', who: KEY_HOLDER },
    {
      from: ['SEND_FAIL'],
      action: 'export',
      to: 'SAME',
      who: { kind: 'rights', all: ['cds.outgoing.process', 'cds.exportImport'] },
      effect: 'mark_exported',
    },
    {
      from: ['READY', 'REJECTED', 'SEND_FAIL'],
      action: 'delete',
      to: 'DELETED',
      who: OWNER,
      effect: 'tombstone',
    },
    {
      from: ['REJECTED', 'SENT', 'SEND_FAIL', 'RECEIVED'],
      action: 'archive',
      to: 'SAME',
      who: OWNER,
      effect: 'set_archived',
    },
    {
      from: ['REJECTED', 'SENT', 'SEND_FAIL', 'RECEIVED'],
      action: 'unarchive',
      to: 'SAME',
      who: OWNER,
      effect: 'clear_archived',
    },
  ];

/** The ways a READY message comes to be (the "—" row of §3.1) and the right each needs. */
export type OutgoingSource = 'add' | 'upload' | 'reply' | 'version' | 'module';
/** `module`: the confirming module's own right (e.g. student.dataExchange), supplied by the module. */
export const OUTGOING_SOURCE_RIGHTS: Readonly<Record<Exclude<OutgoingSource, 'module'>, Right>> = {
  add: 'cds.outgoing.own',
  upload: 'cds.outgoing.own',
  reply: 'cds.incoming.reply',
  version: 'cds.version',
};

const machine = defineMachine({
  box: 'outgoing',
  statuses: OUTGOING_STATUS_TABLE,
  actions: OUTGOING_ACTIONS,
  rules: OUTGOING_TRANSITIONS,
});

/**
 * Where `action` takes a message in `status`. Throws `message.unknown_action`, `message.deleted`,
 * `message.unknown_status` or `message.invalid_transition`; never changes anything itself.
 */
export function transitionOutgoing(
  status: OutgoingFrom,
  action: OutgoingAction | (string & {}),
): OutgoingTransition {
  return machine.transition(status, action);
}

/** The actions allowed in `status`, in table order; `user` leaves out the transmission's events. */
export function allowedOutgoingActions(
  status: OutgoingFrom,
  filter: ActionFilter = 'all',
): readonly OutgoingAction[] {
  return machine.allowedActions(status, filter);
}
