export * from './hub-context.js';
export * from './start-hub.js';
export * from './use-cases/issue-registration-code.js';
export * from './use-cases/register-participant.js';
export * from './use-cases/revoke-participant.js';
export * from './hub-services.js';
