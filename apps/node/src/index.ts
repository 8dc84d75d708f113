export * from './init-node.js';
export * from './start-node.js';
