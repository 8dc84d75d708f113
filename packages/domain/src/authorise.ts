/**
 * Joins the machines' `who` to the rights matrix: may these groups cause this transition? The
 * server asks `assertMayPerform` before every user action; the UI asks `available…Actions` so it
 * offers exactly what the server would allow (SPEC §3.2, last paragraph).
 */
import { AppError } from './errors.js';
import type { Who } from './machine.js';
import {
  allowedIncomingActions,
  transitionIncoming,
  type IncomingAction,
  type IncomingFrom,
} from './incoming-machine.js';
import {
  allowedOutgoingActions,
  transitionOutgoing,
  type OutgoingAction,
  type OutgoingFrom,
} from './outgoing-machine.js';
import { DEFAULT_RIGHTS_MATRIX, assertRight, rightsOf, type Right, type RightsMatrix } from './rights.js';

export interface WhoContext {
  /** The user owns the message; decides `owner` rules. */
  readonly isOwner?: boolean;
  /** The creating source's or consuming module's right; decides `source` and `module` rules. */
  readonly right?: Right;
  readonly matrix?: RightsMatrix;
}

/** Throws `auth.forbidden` (with the missing right) or `auth.system_only`; returns when allowed. */
export function assertMayPerform(groups: Iterable<string>, who: Who, context: WhoContext = {}): void {
  const matrix = context.matrix ?? DEFAULT_RIGHTS_MATRIX;
  switch (who.kind) {
    case 'rights':
      for (const right of who.all) assertRight(groups, right, matrix);
      return;
    case 'owner': {
      const rights = rightsOf(groups, matrix);
      if (rights.has('cds.outgoing.all')) return;
      if (context.isOwner === true && rights.has('cds.outgoing.own')) return;
      throw new AppError('auth.forbidden', {
        right: context.isOwner === true ? 'cds.outgoing.own' : 'cds.outgoing.all',
      });
    }
    case 'source':
    case 'module':
      // A caller that forgot the right has a bug; refusing quietly would hide it.
      if (context.right === undefined) {
        throw new AppError('internal.unexpected', { detail: `a ${who.kind} rule needs context.right` });
      }
      assertRight(groups, context.right, matrix);
      return;
    case 'system':
      throw new AppError('auth.system_only', { actor: who.actor });
  }
}

/** As assertMayPerform, as a boolean; a source or module rule without a right is a no. */
export function mayPerform(groups: Iterable<string>, who: Who, context: WhoContext = {}): boolean {
  if ((who.kind === 'source' || who.kind === 'module') && context.right === undefined) return false;
  try {
    assertMayPerform(groups, who, context);
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'auth.forbidden' || error.code === 'auth.system_only')) {
      return false;
    }
    throw error;
  }
}

/** The user actions the machine allows in `status` that these groups may perform. */
export function availableOutgoingActions(
  status: OutgoingFrom,
  groups: Iterable<string>,
  context: WhoContext = {},
): readonly OutgoingAction[] {
  const groupList = [...groups];
  return allowedOutgoingActions(status, 'user').filter((action) =>
    mayPerform(groupList, transitionOutgoing(status, action).who, context),
  );
}

export function availableIncomingActions(
  status: IncomingFrom,
  groups: Iterable<string>,
  context: WhoContext = {},
): readonly IncomingAction[] {
  const groupList = [...groups];
  return allowedIncomingActions(status, 'user').filter((action) =>
    mayPerform(groupList, transitionIncoming(status, action).who, context),
  );
}

/**
 * 聯遞系統報告 (SPEC §6–§7): every report needs the report right, whatever its data; the CLI, the
 * web UI and the API ask this one function before a report reads a single row.
 */
export function assertMayRunReport(groups: Iterable<string>, matrix?: RightsMatrix): void {
  assertRight(groups, 'cds.report', matrix ?? DEFAULT_RIGHTS_MATRIX);
}
