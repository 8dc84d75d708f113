import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import type { Who } from './machine.js';
import { OUTGOING_STATUSES } from './model.js';
import {
  OUTGOING_ACTIONS,
  OUTGOING_TRANSITIONS,
  allowedOutgoingActions,
  transitionOutgoing,
  type OutgoingFrom,
} from './outgoing-machine.js';

/*
 * SPEC §3.1, transcribed by hand. Do not build this from the machine's table: the point is two
 * independent copies that must agree. `moves` maps a from-status to "TO" or "TO +effect".
 */
const STATUSES = ['NEW', 'READY', 'PROCESSING', 'SENT', 'RECEIVED', 'SEND_FAIL', 'REJECTED'] as const;
const PROCESS = 'rights:cds.outgoing.process';
const SYSTEM = 'system:transmission';

const EXPECTED: Readonly<Record<string, { who: string; moves: Readonly<Record<string, string>> }>> = {
  create: { who: 'source', moves: { NEW: 'READY' } },
  modify: { who: 'owner', moves: { READY: 'READY' } },
  seal: { who: PROCESS, moves: { READY: 'PROCESSING' } },
  reject: { who: PROCESS, moves: { READY: 'REJECTED +keep_reason' } },
  acceptance_receipt: { who: SYSTEM, moves: { PROCESSING: 'SENT', SEND_FAIL: 'SENT' } },
  send_fail: { who: SYSTEM, moves: { PROCESSING: 'SEND_FAIL +keep_reason' } },
  hub_refusal: { who: SYSTEM, moves: { PROCESSING: 'REJECTED +keep_reason' } },
  delivery_receipt: { who: SYSTEM, moves: { SENT: 'RECEIVED', SEND_FAIL: 'RECEIVED' } },
  recipient_refusal: { who: SYSTEM, moves: { SENT: 'REJECTED +keep_reason' } },
  resend: { who: PROCESS, moves: { SENT: 'PROCESSING', SEND_FAIL: 'PROCESSING', RECEIVED: 'PROCESSING' } },
  export: {
    who: 'rights:cds.outgoing.process+cds.exportImport',
    moves: { SEND_FAIL: 'SEND_FAIL +mark_exported' },
  },
  delete: {
    who: 'owner',
    moves: { READY: 'DELETED +tombstone', REJECTED: 'DELETED +tombstone', SEND_FAIL: 'DELETED +tombstone' },
  },
  archive: {
    who: 'owner',
    moves: {
      REJECTED: 'REJECTED +set_archived',
      SENT: 'SENT +set_archived',
      SEND_FAIL: 'SEND_FAIL +set_archived',
      RECEIVED: 'RECEIVED +set_archived',
    },
  },
  unarchive: {
    who: 'owner',
    moves: {
      REJECTED: 'REJECTED +clear_archived',
      SENT: 'SENT +clear_archived',
      SEND_FAIL: 'SEND_FAIL +clear_archived',
      RECEIVED: 'RECEIVED +clear_archived',
    },
  },
};

function describeWho(who: Who): string {
  if (who.kind === 'rights') return `rights:${who.all.join('+')}`;
  if (who.kind === 'system') return `system:${who.actor}`;
  return who.kind;
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

describe('outgoing machine (SPEC §3.1)', () => {
  it('knows exactly the actions and statuses of the SPEC', () => {
    const actions = OUTGOING_ACTIONS.entries.map((entry) => entry.code);
    expect([...actions].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(new Set(OUTGOING_TRANSITIONS.map((rule) => rule.action))).toEqual(new Set(actions));
    expect(['NEW', ...OUTGOING_STATUSES].sort()).toEqual([...STATUSES].sort());
    const mentioned = OUTGOING_TRANSITIONS.flatMap((rule) => [...rule.from, rule.to]);
    for (const status of mentioned) expect([...STATUSES, 'DELETED', 'SAME']).toContain(status);
  });

  for (const status of STATUSES) {
    for (const [action, { who, moves }] of Object.entries(EXPECTED)) {
      const expected = moves[status];
      if (expected === undefined) {
        it(`${status} refuses ${action}`, () => {
          const error = errorOf(() => transitionOutgoing(status, action));
          expect(error.code).toBe('message.invalid_transition');
          expect(error.details).toMatchObject({ status, action });
        });
      } else {
        it(`${status} --${action}--> ${expected}`, () => {
          const [to, effect] = expected.split(' +');
          const result = transitionOutgoing(status, action);
          expect(result.from).toBe(status);
          expect(result.action).toBe(action);
          expect(result.to).toBe(to);
          expect(result.effect).toBe(effect);
          expect(describeWho(result.who)).toBe(who);
        });
      }
    }
  }

  it('lists the allowed actions of every status, and the user ones without transmission events', () => {
    for (const status of STATUSES) {
      const expected = Object.entries(EXPECTED).filter(([, { moves }]) => moves[status] !== undefined);
      expect([...allowedOutgoingActions(status)].sort()).toEqual(expected.map(([action]) => action).sort());
      const user = expected.filter(([, { who }]) => who !== SYSTEM).map(([action]) => action);
      expect([...allowedOutgoingActions(status, 'user')].sort()).toEqual(user.sort());
      const system = expected.filter(([, { who }]) => who === SYSTEM).map(([action]) => action);
      expect([...allowedOutgoingActions(status, 'system')].sort()).toEqual(system.sort());
    }
  });

  it('refuses an unknown action before looking at the status', () => {
    expect(errorOf(() => transitionOutgoing('READY', 'launch')).code).toBe('message.unknown_action');
    expect(errorOf(() => transitionOutgoing('BOGUS' as OutgoingFrom, 'launch')).code).toBe(
      'message.unknown_action',
    );
  });

  it('refuses an unknown status and treats the tombstone as gone', () => {
    expect(errorOf(() => transitionOutgoing('BOGUS' as OutgoingFrom, 'seal')).code).toBe(
      'message.unknown_status',
    );
    expect(errorOf(() => transitionOutgoing('DELETED' as OutgoingFrom, 'archive')).code).toBe(
      'message.deleted',
    );
    expect(errorOf(() => allowedOutgoingActions('BOGUS' as OutgoingFrom)).code).toBe(
      'message.unknown_status',
    );
  });

  it('says why in both languages', () => {
    const error = errorOf(() => transitionOutgoing('RECEIVED', 'seal'));
    expect(error.http).toBe(409);
    expect(error.exitCode).toBe(4);
    expect(error.messageIn('zh-HK')).toBe('訊息狀況為「已接收」時不可執行「加密」。');
    expect(error.messageIn('en')).toBe('A message in status RECEIVED does not allow the action seal.');
    expect(error.message).toBe(error.messageIn('en'));
    expect(errorOf(() => transitionOutgoing('READY', 'create')).messageIn('zh-HK')).toBe(
      '訊息狀況為「可輸出」時不可執行「新增訊息」。',
    );
    expect(errorOf(() => transitionOutgoing('NEW', 'seal')).messageIn('zh-HK')).toBe(
      '訊息狀況為「新訊息」時不可執行「加密」。',
    );
    expect(errorOf(() => transitionOutgoing('READY', 'launch')).messageIn('en')).toBe(
      'Unknown message action: launch.',
    );
  });
});
