export * from './craft-zip.js';
export * from './base-bundle.js';
export * from './hostile-bundles.js';
export * from './sample-bundle.js';
