import {
  GROUPS_BY_ROLE,
  type Clock,
  type Group,
  type IdGenerator,
  type LoginFailureRepository,
  type SecurityEventRepository,
  type SessionRepository,
  type UserRepository,
} from '@cds/domain';
import { createClock, createIdGenerator } from '@cds/platform';
import type { NodeServices } from '../node-services.js';
import { policyFromEnv, type PasswordPolicy } from './password-policy.js';

export interface SessionPolicy {
  /** A session unused this long ends (the user walked away from the computer). */
  readonly idleMs: number;
  /** A session ends this long after login whatever happens. */
  readonly absoluteMs: number;
  /** last_seen is written at most this often, so reading a page is not a database write. */
  readonly touchEveryMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  touchEveryMs: 60_000,
};

/** What the user and session use cases run on. */
export interface AuthContext {
  readonly party: string;
  /** The groups this node offers (an agency node adds AGENCY_OFFICER). */
  readonly groups: readonly Group[];
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly loginFailures: LoginFailureRepository;
  readonly events: SecurityEventRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly sessionPolicy: SessionPolicy;
  readonly passwordPolicy: PasswordPolicy;
}

export function authContextOf(
  services: NodeServices,
  overrides: Partial<Pick<AuthContext, 'clock' | 'sessionPolicy' | 'passwordPolicy'>> = {},
): AuthContext {
  const clock = overrides.clock ?? createClock();
  return {
    party: services.config.party,
    groups: GROUPS_BY_ROLE[services.config.nodeRole],
    users: services.repos.users,
    sessions: services.repos.sessions,
    loginFailures: services.repos.loginFailures,
    events: services.repos.securityEvents,
    clock,
    ids: createIdGenerator(() => clock.now()),
    sessionPolicy: overrides.sessionPolicy ?? DEFAULT_SESSION_POLICY,
    passwordPolicy: overrides.passwordPolicy ?? policyFromEnv(),
  };
}

/** Security events are the audit trail of SPEC §7 until the hash-chained audit log arrives. */
export async function audit(
  context: AuthContext,
  kind: string,
  actor: string,
  detail: Readonly<Record<string, string | number | boolean | null>> = {},
): Promise<void> {
  await context.events.record({ id: context.ids.next(), at: context.clock.now(), kind, actor, detail });
}
