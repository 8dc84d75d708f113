export * from './clock.js';
export * from './config.js';
export * from './datadir.js';
export * from './ids.js';
export * from './lock.js';
export * from './logger.js';
export * from './test-hooks.js';
export * from './version.js';
