export * from './start-hub.js';
