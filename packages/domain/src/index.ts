export * from './errors.js';
export * from './model.js';
export type * from './ports.js';
