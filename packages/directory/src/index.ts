export * from './directory-log.js';
export * from './registration-code.js';
export * from './directory-view.js';
