export * from './base-app.js';
export * from './bootstrap.js';
export * from './error-handler.js';
export * from './language.js';
export * from './serve.js';
