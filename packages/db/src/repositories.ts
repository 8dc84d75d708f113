import type { Kysely } from 'kysely';
import type {
  NodeDirectoryStore,
  KeyChangeRepository,
  SchoolKeyGuardStore,
  SecurityEventRepository,
  IncomingContentStore,
  IncomingMessageRepository,
  OutgoingReceiptRepository,
  RefusedDeliveryRepository,
  LeaseRepository,
  OutgoingMessageRepository,
  SettingsRepository,
  TombstoneRepository,
  UserRepository,
  SessionRepository,
  LoginFailureRepository,
  NodeBundleStore,
} from '@cds/domain';
import { createIncomingMessageRepository } from './incoming-repository.js';
import { createNodeBundleStore } from './bundle-stores.js';
import { createNodeDirectoryStore } from './directory-store.js';
import {
  createKeyChangeRepository,
  createSchoolKeyGuardStore,
  createSecurityEventRepository,
} from './key-repositories.js';
import { createLeaseRepository } from './lease-repository.js';
import { createOutgoingMessageRepository } from './outgoing-repository.js';
import type { NodeDatabase } from './schema.js';
import { createSettingsRepository } from './settings-repository.js';
import { createTombstoneRepository } from './tombstone-repository.js';
import {
  createLoginFailureRepository,
  createSessionRepository,
  createUserRepository,
} from './user-repository.js';
import {
  createOutgoingReceiptRepository,
  createRefusedDeliveryRepository,
} from './transmission-repositories.js';

export interface NodeRepositories {
  readonly settings: SettingsRepository;
  readonly leases: LeaseRepository;
  readonly outgoing: OutgoingMessageRepository;
  readonly incoming: IncomingMessageRepository & IncomingContentStore;
  readonly outgoingReceipts: OutgoingReceiptRepository;
  readonly refusedDeliveries: RefusedDeliveryRepository;
  readonly tombstones: TombstoneRepository;
  readonly keyChanges: KeyChangeRepository;
  readonly schoolKeyGuard: SchoolKeyGuardStore;
  readonly securityEvents: SecurityEventRepository;
  readonly directory: NodeDirectoryStore;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly loginFailures: LoginFailureRepository;
  readonly bundles: NodeBundleStore;
}

/** Every node repository over one (migrated) node database. */
export function createRepositories(db: Kysely<NodeDatabase>): NodeRepositories {
  return {
    settings: createSettingsRepository(db),
    leases: createLeaseRepository(db),
    outgoing: createOutgoingMessageRepository(db),
    incoming: createIncomingMessageRepository(db),
    outgoingReceipts: createOutgoingReceiptRepository(db),
    refusedDeliveries: createRefusedDeliveryRepository(db),
    tombstones: createTombstoneRepository(db),
    keyChanges: createKeyChangeRepository(db),
    schoolKeyGuard: createSchoolKeyGuardStore(db),
    securityEvents: createSecurityEventRepository(db),
    directory: createNodeDirectoryStore(db),
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    loginFailures: createLoginFailureRepository(db),
    bundles: createNodeBundleStore(db),
  };
}
