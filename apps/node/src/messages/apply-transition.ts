import {
  AppError,
  isAppError,
  transitionIncoming,
  transitionOutgoing,
  type IncomingAction,
  type IncomingMessage,
  type IncomingStatus,
  type OutgoingAction,
  type OutgoingMessage,
  type OutgoingStatus,
} from '@cds/domain';
import type { NodeServices } from '../node-services.js';

/** A concurrent writer (a user archiving, another process) rarely wins more than once in a row. */
const ATTEMPTS = 3;

type OutgoingChanges = Partial<Omit<OutgoingMessage, 'id' | 'version' | 'status'>>;
type IncomingChanges = Partial<Omit<IncomingMessage, 'id' | 'version' | 'status'>>;

async function retryingConflicts<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isAppError(error) || error.code !== 'message.concurrent_update' || attempt >= ATTEMPTS)
        throw error;
    }
  }
}

/**
 * Reads the message afresh, asks the state machine, and writes the new status with `changes`
 * under the version it read. Callers come here after network or file I/O, so the row they read
 * before may be stale; reading again is what keeps a user's edit from being overwritten.
 */
export function applyOutgoing(
  services: NodeServices,
  id: string,
  action: OutgoingAction,
  changes: (message: OutgoingMessage) => OutgoingChanges = () => ({}),
): Promise<OutgoingMessage> {
  return retryingConflicts(async () => {
    const message = await services.repos.outgoing.get(id);
    if (!message) throw new AppError('message.not_found', { id });
    const { to } = transitionOutgoing(message.status, action);
    return services.repos.outgoing.update(id, message.version, {
      ...changes(message),
      status: to as OutgoingStatus,
      updatedAt: services.keys.clock.now(),
    });
  });
}

/** Writes `changes` without a status change (a reason, a counter), under the same version rule. */
export function patchOutgoing(
  services: NodeServices,
  id: string,
  changes: (message: OutgoingMessage) => OutgoingChanges,
): Promise<OutgoingMessage> {
  return retryingConflicts(async () => {
    const message = await services.repos.outgoing.get(id);
    if (!message) throw new AppError('message.not_found', { id });
    return services.repos.outgoing.update(id, message.version, {
      ...changes(message),
      updatedAt: services.keys.clock.now(),
    });
  });
}

export function applyIncoming(
  services: NodeServices,
  id: string,
  action: IncomingAction,
  changes: (message: IncomingMessage) => IncomingChanges = () => ({}),
): Promise<IncomingMessage> {
  return retryingConflicts(async () => {
    const message = await services.repos.incoming.get(id);
    if (!message) throw new AppError('message.not_found', { id });
    const { to } = transitionIncoming(message.status, action);
    return services.repos.incoming.update(id, message.version, {
      ...changes(message),
      status: to as IncomingStatus,
      updatedAt: services.keys.clock.now(),
    });
  });
}
