/**
 * The engine both status machines share (SPEC §3: "every transition lives in one pure state
 * machine"). A machine is a readonly rule table; this file turns it into the transition function
 * and the "what may I do now" query, so the two boxes cannot drift apart in how they refuse.
 *
 * Two pseudo-statuses keep the tables literal transcriptions of the SPEC's rows:
 * - `NEW` is the "—" from-column: the message does not exist yet. It is never stored.
 * - `DELETED` is the tombstone: a result, never a from-status (a deleted message is gone).
 * A rule whose `to` is `SAME` keeps the status it started from (archive, mark read, export…).
 */
import { AppError } from './errors.js';
import { label, type CodeTable, type Labels } from './codes.js';
import type { Box } from './model.js';
import type { Right } from './rights.js';

export const NEW = 'NEW';
export const DELETED = 'DELETED';
export const SAME = 'SAME';
export type New = typeof NEW;
export type Deleted = typeof DELETED;

export const PSEUDO_STATUS_LABELS: Readonly<Record<New | Deleted, Labels>> = {
  NEW: { 'zh-HK': '新訊息', en: 'New message' },
  DELETED: { 'zh-HK': '已刪除', en: 'Deleted' },
};

/** Who may cause a transition; authorise.ts turns this into a yes or no for a user. */
export type Who =
  /** A user holding every listed right. */
  | { readonly kind: 'rights'; readonly all: readonly Right[] }
  /** The message's owner holding `cds.outgoing.own`, or anyone holding `cds.outgoing.all`. */
  | { readonly kind: 'owner' }
  /** Creation: the right of the creating source (add, upload, reply, version, a module). */
  | { readonly kind: 'source' }
  /** The consuming module, with that module's own right. */
  | { readonly kind: 'module' }
  /** No user: an event of the transmission cycle. */
  | { readonly kind: 'system'; readonly actor: 'transmission' };

export interface TransitionRule<S extends string, A extends string, E extends string> {
  readonly from: readonly (S | New)[];
  readonly action: A;
  readonly to: S | Deleted | typeof SAME;
  readonly who: Who;
  readonly effect?: E;
}

export interface Transition<S extends string, A extends string, E extends string> {
  readonly from: S | New;
  readonly action: A;
  readonly to: S | Deleted;
  readonly who: Who;
  readonly effect?: E;
}

export type ActionFilter = 'all' | 'user' | 'system';

export interface Machine<S extends string, A extends string, E extends string> {
  transition(status: S | New, action: string): Transition<S, A, E>;
  allowedActions(status: S | New, filter?: ActionFilter): readonly A[];
}

export interface MachineSpec<S extends string, A extends string, E extends string> {
  readonly box: Box;
  readonly statuses: CodeTable<S>;
  readonly actions: CodeTable<A>;
  readonly rules: readonly TransitionRule<S, A, E>[];
}

/** Builds a machine, refusing at load time a table that is ambiguous or names unknown codes. */
export function defineMachine<S extends string, A extends string, E extends string>(
  spec: MachineSpec<S, A, E>,
): Machine<S, A, E> {
  const statuses = new Set<string>(spec.statuses.entries.map((entry) => entry.code));
  const actions = new Set<string>(spec.actions.entries.map((entry) => entry.code));
  const byPair = new Map<string, TransitionRule<S, A, E>>();
  for (const rule of spec.rules) {
    if (!actions.has(rule.action)) throw new Error(`${spec.box} machine: unlabelled action ${rule.action}`);
    for (const from of rule.from) {
      const key = pairKey(from, rule.action);
      if (byPair.has(key)) throw new Error(`${spec.box} machine: two rules for ${key}`);
      if (from !== NEW && !statuses.has(from)) throw new Error(`${spec.box} machine: unknown status ${from}`);
      if (from === NEW && rule.to === SAME) throw new Error(`${spec.box} machine: ${key} keeps a non-status`);
      byPair.set(key, rule);
    }
    // Callers get the rules' `who` objects; freezing keeps one caller from editing another's machine.
    deepFreeze(rule);
  }

  const statusLabel = (status: string): string =>
    status === NEW ? PSEUDO_STATUS_LABELS.NEW['zh-HK'] : label(spec.statuses, status, 'zh-HK');

  const checkStatus = (status: string): void => {
    if (status === DELETED) throw new AppError('message.deleted');
    if (status !== NEW && !statuses.has(status)) {
      throw new AppError('message.unknown_status', { box: spec.box, status: String(status) });
    }
  };

  return {
    transition(status, action) {
      // The action first: an unknown action is a usage error whatever the status.
      if (!actions.has(action)) throw new AppError('message.unknown_action', { box: spec.box, action });
      checkStatus(status);
      const rule = byPair.get(pairKey(status, action));
      if (rule === undefined) {
        throw new AppError('message.invalid_transition', {
          box: spec.box,
          status,
          action,
          // zh-HK reads labels, en reads codes: details are flat, so only one language's labels fit.
          statusLabel: statusLabel(status),
          actionLabel: label(spec.actions, action, 'zh-HK'),
        });
      }
      const to = rule.to === SAME ? (status as S) : rule.to;
      const base = { from: status, action: rule.action, to, who: rule.who };
      return rule.effect === undefined ? base : { ...base, effect: rule.effect };
    },

    allowedActions(status, filter = 'all') {
      checkStatus(status);
      const found: A[] = [];
      for (const rule of spec.rules) {
        if (!rule.from.includes(status)) continue;
        const isSystem = rule.who.kind === 'system';
        if (filter === 'user' && isSystem) continue;
        if (filter === 'system' && !isSystem) continue;
        if (!found.includes(rule.action)) found.push(rule.action);
      }
      return found;
    },
  };
}

function deepFreeze(value: object): void {
  for (const inner of Object.values(value)) {
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner as object);
  }
  Object.freeze(value);
}

function pairKey(status: string, action: string): string {
  return `${status} ${action}`;
}
