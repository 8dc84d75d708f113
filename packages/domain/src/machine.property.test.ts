import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import {
  INCOMING_ACTIONS,
  allowedIncomingActions,
  transitionIncoming,
  type IncomingFrom,
} from './incoming-machine.js';
import { INCOMING_STATUSES, OUTGOING_STATUSES } from './model.js';
import {
  OUTGOING_ACTIONS,
  allowedOutgoingActions,
  transitionOutgoing,
  type OutgoingFrom,
} from './outgoing-machine.js';

/*
 * Whatever a user, a peer or a buggy caller throws at a machine, a message is always in one of the
 * SPEC's statuses (or deleted), a refusal changes nothing, and `allowed…Actions` agrees with the
 * transition function, so a UI built on it never offers a button the server then refuses.
 */
interface Box<S extends string> {
  readonly name: string;
  readonly statuses: readonly S[];
  readonly actions: readonly string[];
  transition(status: S | 'NEW', action: string): { to: string };
  allowed(status: S | 'NEW'): readonly string[];
}

const boxes: readonly Box<string>[] = [
  {
    name: 'outgoing',
    statuses: OUTGOING_STATUSES,
    actions: OUTGOING_ACTIONS.entries.map((entry) => entry.code),
    transition: (status, action) => transitionOutgoing(status as OutgoingFrom, action),
    allowed: (status) => allowedOutgoingActions(status as OutgoingFrom),
  },
  {
    name: 'incoming',
    statuses: INCOMING_STATUSES,
    actions: INCOMING_ACTIONS.entries.map((entry) => entry.code),
    transition: (status, action) => transitionIncoming(status as IncomingFrom, action),
    allowed: (status) => allowedIncomingActions(status as IncomingFrom),
  },
];

describe.each(boxes)('$name machine, random histories', (box) => {
  const action = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...box.actions) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );

  it('never leaves the status set, and a refusal changes nothing', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (history) => {
        let status: string = 'NEW';
        for (const next of history) {
          const allowed = box.allowed(status).includes(next);
          try {
            const { to } = box.transition(status, next);
            expect(allowed).toBe(true);
            if (to === 'DELETED') return;
            expect(box.statuses).toContain(to);
            status = to;
          } catch (error) {
            expect(allowed).toBe(false);
            expect(error).toBeInstanceOf(AppError);
            const code = (error as AppError).code;
            const known = box.actions.includes(next);
            expect(code).toBe(known ? 'message.invalid_transition' : 'message.unknown_action');
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reaches every status from NEW', () => {
    const seen = new Set<string>(['NEW']);
    const queue = ['NEW'];
    for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
      for (const next of box.allowed(status)) {
        const { to } = box.transition(status, next);
        if (to !== 'DELETED' && !seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual(['NEW', ...box.statuses].sort());
  });
});
