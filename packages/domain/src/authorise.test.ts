import { describe, expect, it } from 'vitest';
import {
  assertMayPerform,
  availableIncomingActions,
  availableOutgoingActions,
  mayPerform,
} from './authorise.js';
import { AppError } from './errors.js';
import { transitionOutgoing } from './outgoing-machine.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'none';
}

describe('authorising a transition', () => {
  it('lets staff modify their own READY message but not somebody else’s', () => {
    const who = transitionOutgoing('READY', 'modify').who;
    expect(mayPerform(['STAFF'], who, { isOwner: true })).toBe(true);
    expect(mayPerform(['STAFF'], who, { isOwner: false })).toBe(false);
    expect(mayPerform(['SYSTEM_ADMIN'], who, { isOwner: false })).toBe(true);
  });

  it('keeps sealing to key holders and export to key holders with export rights', () => {
    expect(mayPerform(['SCHOOL_HEAD'], transitionOutgoing('READY', 'seal').who)).toBe(true);
    expect(mayPerform(['SYSTEM_ADMIN'], transitionOutgoing('READY', 'seal').who)).toBe(false);
    expect(mayPerform(['AGENCY_OFFICER'], transitionOutgoing('SEND_FAIL', 'export').who)).toBe(false);
    expect(mayPerform(['CDS_ADMIN'], transitionOutgoing('SEND_FAIL', 'export').who)).toBe(true);
  });

  it('never lets a user cause a transmission event', () => {
    const who = transitionOutgoing('PROCESSING', 'acceptance_receipt').who;
    expect(mayPerform(['CDS_ADMIN'], who)).toBe(false);
    expect(codeOf(() => assertMayPerform(['CDS_ADMIN'], who))).toBe('auth.system_only');
  });

  it('asks the caller for the source or module right, and says so when it is missing', () => {
    const who = transitionOutgoing('NEW', 'create').who;
    expect(mayPerform(['STAFF'], who, { right: 'student.dataExchange' })).toBe(true);
    expect(mayPerform(['STAFF'], who, { right: 'cds.version' })).toBe(false);
    expect(mayPerform(['STAFF'], who)).toBe(false);
    expect(codeOf(() => assertMayPerform(['STAFF'], who))).toBe('internal.unexpected');
    expect(codeOf(() => assertMayPerform(['STAFF'], who, { right: 'cds.version' }))).toBe('auth.forbidden');
  });

  it('offers the UI only what the machine allows and the groups may do', () => {
    expect(availableOutgoingActions('READY', ['STAFF'], { isOwner: true })).toEqual(['modify', 'delete']);
    expect(availableOutgoingActions('READY', ['SCHOOL_HEAD'])).toEqual([
      'modify',
      'seal',
      'reject',
      'delete',
    ]);
    expect(availableOutgoingActions('PROCESSING', ['CDS_ADMIN'])).toEqual([]);
    expect(availableOutgoingActions('SEND_FAIL', ['SCHOOL_HEAD'])).toEqual([
      'resend',
      'export',
      'delete',
      'archive',
      'unarchive',
    ]);
    expect(availableIncomingActions('ENCRYPTED', ['STAFF'])).toEqual(['mark_read', 'mark_unread']);
    expect(availableIncomingActions('ENCRYPTED', ['SCHOOL_HEAD'])).toEqual([
      'decrypt_ok',
      'decrypt_fail',
      'mark_read',
      'mark_unread',
      'archive',
      'unarchive',
      'delete',
    ]);
    expect(availableIncomingActions('IMPORTED', ['STAFF'])).toEqual(['reply', 'mark_read', 'mark_unread']);
  });

  it('refuses unknown groups rather than granting nothing silently', () => {
    expect(codeOf(() => availableIncomingActions('ENCRYPTED', ['GUEST']))).toBe('auth.unknown_group');
  });
});
