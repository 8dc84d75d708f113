/** @cds/domain: the pure domain. No I/O here; adapters implement ports.ts elsewhere. */
export * from './errors.js';
export * from './model.js';
export type * from './ports.js';
export * from './codes.js';
export * from './parties.js';
export * from './rights.js';
export * from './machine.js';
export * from './outgoing-machine.js';
export * from './incoming-machine.js';
export * from './authorise.js';
export type * from './hub-ports.js';
export type * from './directory-ports.js';
export type * from './transmission-ports.js';
export type * from './user-ports.js';
export * from './relay-ports.js';
export * from './sender-key-rule.js';
export * from './schedule.js';
export * from './cds-log.js';
