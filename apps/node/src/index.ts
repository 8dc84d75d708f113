export * from './init-node.js';
export * from './node-services.js';
export * from './start-node.js';
