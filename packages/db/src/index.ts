export {
  createDatabase,
  dialectOf,
  type DatabaseConfig,
  type DatabaseHandle,
  type Dialect,
} from './database.js';
export {
  hubMigrations,
  migrateToLatest,
  migrationsFor,
  nodeMigrations,
  pendingMigrations,
} from './migrations/index.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging.js';
export { createRepositories, type NodeRepositories } from './repositories.js';
export { createIncomingMessageRepository } from './incoming-repository.js';
export { createLeaseRepository } from './lease-repository.js';
export { createOutgoingMessageRepository } from './outgoing-repository.js';
export { createSettingsRepository } from './settings-repository.js';
export { createTombstoneRepository } from './tombstone-repository.js';
export {
  createOutgoingReceiptRepository,
  createRefusedDeliveryRepository,
} from './transmission-repositories.js';
export type * from './schema.js';
export {
  createKeyChangeRepository,
  createSchoolKeyGuardStore,
  createSecurityEventRepository,
} from './key-repositories.js';
export { createHubRegistry } from './hub-registry.js';
export { createNodeDirectoryStore } from './directory-store.js';
export { createNonceStore } from './nonce-store.js';
export {
  createLoginFailureRepository,
  createSessionRepository,
  createUserRepository,
} from './user-repository.js';
export { createRelayStore } from './hub-relay.js';
export { createHubBundleStore, createNodeBundleStore } from './bundle-stores.js';
/** For the search benchmark, which loads a million rows first and builds the text index in one pass. */
export { FTS_TRIGGER_NAMES, ftsTriggers } from './migrations/node-0009-bundles-search.js';
export { createReportSource, REPORT_PAGE_SIZE } from './report-queries.js';
export { createNoticeStore } from './notice-store.js';
export { createStudentStore } from './student-store.js';
