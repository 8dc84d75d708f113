import {
  AppError,
  type Clock,
  type IdGenerator,
  type SchoolKeyGuardStore,
  type SecurityEventRepository,
} from '@cds/domain';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;

/**
 * Guards every use of the School Key on a node: one unlock at a time in this process (scrypt costs
 * ~256 MiB, two at once would double it), and five wrong keys within 15 minutes lock School Key use
 * for 15 minutes, node-wide, because the failures are kept in the node's database.
 */
export class UnlockGuard {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly store: SchoolKeyGuardStore;
  private readonly events: SecurityEventRepository;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;

  constructor(deps: {
    store: SchoolKeyGuardStore;
    events: SecurityEventRepository;
    clock: Clock;
    ids: IdGenerator;
  }) {
    this.store = deps.store;
    this.events = deps.events;
    this.clock = deps.clock;
    this.ids = deps.ids;
  }

  /** Runs `attempt` after earlier unlocks finish; wrong keys count towards the lockout. */
  run<T>(actor: string, attempt: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.guarded(actor, attempt));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async guarded<T>(actor: string, attempt: () => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const until = await this.store.lockedUntil();
    if (until !== null && until > now)
      throw new AppError('key.locked', { until: new Date(until).toISOString() });
    try {
      const value = await attempt();
      await this.store.clearFailures();
      return value;
    } catch (error) {
      if (error instanceof AppError && error.code === 'key.wrong_school_key') await this.countFailure(actor);
      throw error;
    }
  }

  private async countFailure(actor: string): Promise<void> {
    const now = this.clock.now();
    await this.store.recordFailure(now);
    await this.events.record({
      id: this.ids.next(),
      at: now,
      kind: 'key.wrong_school_key',
      actor,
      detail: {},
    });
    const recent = await this.store.failuresSince(now - LOCKOUT_WINDOW_MS);
    if (recent < LOCKOUT_FAILURES) return;
    const until = now + LOCKOUT_DURATION_MS;
    await this.store.lockUntil(until);
    await this.store.clearFailures();
    await this.events.record({
      id: this.ids.next(),
      at: now,
      kind: 'key.locked',
      actor,
      detail: { until, failures: recent },
    });
  }
}
