import { join } from 'node:path';
import type {
  Clock,
  IdGenerator,
  KeyChangeRepository,
  SecurityEventRepository,
  SchoolKeyGuardStore,
} from '@cds/domain';
import { readTestHook } from '@cds/platform';
import { DEFAULT_SCRYPT_LOG_N } from '@cds/crypto';
import { DEFAULT_SCHOOL_KEY_POLICY, type SchoolKeyPolicy } from './school-key-policy.js';
import { UnlockGuard } from './unlock-guard.js';

export interface KeyPaths {
  readonly keyring: string;
  readonly publicKeys: string;
  readonly transportKey: string;
  readonly transportRotation: string;
}

export function keyPathsIn(keysDir: string): KeyPaths {
  return {
    keyring: join(keysDir, 'keyring.age'),
    publicKeys: join(keysDir, 'public.json'),
    transportKey: join(keysDir, 'transport.jwk'),
    transportRotation: join(keysDir, 'transport-rotation.jws'),
  };
}

/** Everything the key use cases need; one per node process (the guard's queue is per process). */
export interface KeyringContext {
  readonly party: string;
  readonly paths: KeyPaths;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly history: KeyChangeRepository;
  readonly events: SecurityEventRepository;
  readonly guard: UnlockGuard;
  readonly policy: SchoolKeyPolicy;
  readonly scryptLogN: number;
}

export function createKeyringContext(deps: {
  party: string;
  keysDir: string;
  clock: Clock;
  ids: IdGenerator;
  history: KeyChangeRepository;
  events: SecurityEventRepository;
  guardStore: SchoolKeyGuardStore;
  policy?: SchoolKeyPolicy;
}): KeyringContext {
  // Tests may lower the scrypt cost (SPEC §11); production always pays the full work factor 18.
  const testLogN = Number(readTestHook('CDS_TEST_SCRYPT_LOGN'));
  return {
    party: deps.party,
    paths: keyPathsIn(deps.keysDir),
    clock: deps.clock,
    ids: deps.ids,
    history: deps.history,
    events: deps.events,
    guard: new UnlockGuard({ store: deps.guardStore, events: deps.events, clock: deps.clock, ids: deps.ids }),
    policy: deps.policy ?? { ...DEFAULT_SCHOOL_KEY_POLICY, allowDemoKeys: process.env['CDS_DEMO'] === '1' },
    scryptLogN:
      Number.isInteger(testLogN) && testLogN >= 1 && testLogN < 30 ? testLogN : DEFAULT_SCRYPT_LOG_N,
  };
}
