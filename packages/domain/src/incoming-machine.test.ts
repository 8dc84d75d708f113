import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import {
  INCOMING_ACTIONS,
  INCOMING_TRANSITIONS,
  allowedIncomingActions,
  transitionIncoming,
  type IncomingFrom,
} from './incoming-machine.js';
import type { Who } from './machine.js';
import { INCOMING_STATUSES } from './model.js';

/*
 * SPEC §3.2, transcribed by hand. Do not build this from the machine's table: the point is two
 * independent copies that must agree. `moves` maps a from-status to "TO" or "TO +effect".
 */
const STATUSES = ['NEW', 'ENCRYPTED', 'DECRYPTED', 'DECRYPT_FAIL', 'IMPORTED', 'IMPORT_FAIL'] as const;
const SYSTEM = 'system:transmission';

const EXPECTED: Readonly<Record<string, { who: string; moves: Readonly<Record<string, string>> }>> = {
  download: { who: SYSTEM, moves: { NEW: 'ENCRYPTED' } },
  import_bundle: { who: 'rights:cds.exportImport', moves: { NEW: 'ENCRYPTED' } },
  decrypt_ok: {
    who: 'rights:cds.incoming.decrypt',
    moves: { ENCRYPTED: 'DECRYPTED', DECRYPT_FAIL: 'DECRYPTED' },
  },
  decrypt_fail: {
    who: 'rights:cds.incoming.decrypt',
    moves: { ENCRYPTED: 'DECRYPT_FAIL +keep_reason', DECRYPT_FAIL: 'DECRYPT_FAIL +keep_reason' },
  },
  import_ok: {
    who: 'module',
    moves: { DECRYPTED: 'IMPORTED +keep_report', IMPORT_FAIL: 'IMPORTED +keep_report' },
  },
  import_fail: {
    who: 'module',
    moves: { DECRYPTED: 'IMPORT_FAIL +keep_report', IMPORT_FAIL: 'IMPORT_FAIL +keep_report' },
  },
  reply: {
    who: 'rights:cds.incoming.reply',
    moves: {
      DECRYPTED: 'DECRYPTED +create_reply',
      IMPORTED: 'IMPORTED +create_reply',
      IMPORT_FAIL: 'IMPORT_FAIL +create_reply',
    },
  },
  mark_read: { who: 'rights:cds.incoming.view', moves: sameForAny('set_read') },
  mark_unread: { who: 'rights:cds.incoming.view', moves: sameForAny('clear_read') },
  archive: { who: 'rights:cds.archive', moves: sameForAny('set_archived') },
  unarchive: { who: 'rights:cds.archive', moves: sameForAny('clear_archived') },
  delete: {
    who: 'rights:cds.incoming.delete',
    moves: {
      ENCRYPTED: 'DELETED +tombstone',
      DECRYPTED: 'DELETED +tombstone',
      DECRYPT_FAIL: 'DELETED +tombstone',
      IMPORTED: 'DELETED +tombstone',
      IMPORT_FAIL: 'DELETED +tombstone',
    },
  },
};

/** "any → same status": every stored status, spelled out once here rather than five times. */
function sameForAny(effect: string): Record<string, string> {
  const stored = ['ENCRYPTED', 'DECRYPTED', 'DECRYPT_FAIL', 'IMPORTED', 'IMPORT_FAIL'];
  return Object.fromEntries(stored.map((status) => [status, `${status} +${effect}`]));
}

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

describe('incoming machine (SPEC §3.2)', () => {
  it('knows exactly the actions and statuses of the SPEC', () => {
    const actions = INCOMING_ACTIONS.entries.map((entry) => entry.code);
    expect([...actions].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(new Set(INCOMING_TRANSITIONS.map((rule) => rule.action))).toEqual(new Set(actions));
    expect(['NEW', ...INCOMING_STATUSES].sort()).toEqual([...STATUSES].sort());
    const mentioned = INCOMING_TRANSITIONS.flatMap((rule) => [...rule.from, rule.to]);
    for (const status of mentioned) expect([...STATUSES, 'DELETED', 'SAME']).toContain(status);
  });

  for (const status of STATUSES) {
    for (const [action, { who, moves }] of Object.entries(EXPECTED)) {
      const expected = moves[status];
      if (expected === undefined) {
        it(`${status} refuses ${action}`, () => {
          const error = errorOf(() => transitionIncoming(status, action));
          expect(error.code).toBe('message.invalid_transition');
          expect(error.details).toMatchObject({ status, action });
        });
      } else {
        it(`${status} --${action}--> ${expected}`, () => {
          const [to, effect] = expected.split(' +');
          const result = transitionIncoming(status, action);
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
      expect([...allowedIncomingActions(status)].sort()).toEqual(expected.map(([action]) => action).sort());
      const user = expected.filter(([, { who }]) => who !== SYSTEM).map(([action]) => action);
      expect([...allowedIncomingActions(status, 'user')].sort()).toEqual(user.sort());
    }
  });

  it('refuses unknown actions and statuses, and treats the tombstone as gone', () => {
    expect(errorOf(() => transitionIncoming('ENCRYPTED', 'open')).code).toBe('message.unknown_action');
    expect(errorOf(() => transitionIncoming('SEALED' as IncomingFrom, 'mark_read')).code).toBe(
      'message.unknown_status',
    );
    expect(errorOf(() => transitionIncoming('DELETED' as IncomingFrom, 'download')).code).toBe(
      'message.deleted',
    );
  });

  it('says why in both languages', () => {
    const error = errorOf(() => transitionIncoming('ENCRYPTED', 'reply'));
    expect(error.messageIn('zh-HK')).toBe('訊息狀況為「已加密」時不可執行「回覆」。');
    expect(error.messageIn('en')).toBe('A message in status ENCRYPTED does not allow the action reply.');
    expect(error.details).toMatchObject({ box: 'incoming', statusLabel: '已加密', actionLabel: '回覆' });
    const deleted = errorOf(() => transitionIncoming('DELETED' as IncomingFrom, 'mark_read'));
    expect(deleted.messageIn('zh-HK')).toBe('訊息已被刪除。');
    expect(deleted.messageIn('en')).toBe('The message has been deleted.');
  });
});
