export * from './hub-client.js';
export * from './init-node.js';
export * from './node-hub-client.js';
export * from './node-services.js';
export * from './start-node.js';
export { authContextOf, type AuthContext } from './auth/auth-context.js';
export { addUser } from './auth/add-user.js';
export { listUsers } from './auth/list-users.js';
export { resetPassword } from './auth/reset-password.js';
export * from './use-cases/confirm-directory-key.js';
export * from './use-cases/hub-trust.js';
export * from './use-cases/refresh-directory.js';
export * from './use-cases/register-node.js';
export * from './settings/hub-connection-setting.js';
export * from './use-cases/set-hub-connection.js';
export * from './use-cases/test-hub-connection.js';
export * from './use-cases/show-registration.js';
export * from './use-cases/change-node-school-key.js';
export * from './use-cases/submit-key-statements.js';
export * from './use-cases/create-outgoing-message.js';
export * from './use-cases/seal-messages.js';
export * from './use-cases/resend-messages.js';
export * from './use-cases/reject-outgoing-message.js';
export * from './use-cases/delete-messages.js';
export * from './use-cases/archive-messages.js';
export * from './use-cases/write-message-payload.js';
export * from './use-cases/publish-keys.js';
export * from './use-cases/publish-transport-rotation.js';
export * from './use-cases/report-version.js';
export * from './use-cases/create-version-message.js';
export * from './use-cases/decrypt-incoming.js';
export * from './use-cases/mark-incoming-read.js';
export * from './use-cases/extract-attachments.js';
export * from './use-cases/list-messages.js';
export * from './use-cases/show-message.js';
export * from './use-cases/run-transmission-cycle.js';
export type { MessageOutcome } from './messages/outcome.js';
export type { MessageSummary, IncomingView, OutgoingView } from './messages/message-view.js';
export {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  type TransmissionEvent,
  type TransmissionStep,
} from './transmission/cycle-context.js';
export { TRANSMISSION_LEASE } from './transmission/transmission-lease.js';
export * from './schedule/schedule-setting.js';
export * from './schedule/show-transmission-schedule.js';
export * from './schedule/set-transmission-schedule.js';
export * from './schedule/cycle-runner.js';
export * from './schedule/transmission-scheduler.js';
export * from './schedule/install-transmission.js';
export type { RouteGuard } from './routes/route-guard.js';
export * from './cds-log/fs-cds-log.js';
export * from './cds-log/list-cds-logs.js';
export * from './cds-log/show-cds-log.js';
export * from './cds-log/search-cds-log.js';
export * from './use-cases/export-messages.js';
export * from './use-cases/import-bundle.js';
export * from './use-cases/search-messages.js';
