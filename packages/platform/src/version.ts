import { readFileSync } from 'node:fs';
import { readTestHook, type Env } from './test-hooks.js';

/** src/ and dist/ sit at the same depth, so the root package.json is three levels up from either. */
const rootPackage = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function softwareVersion(env: Env = process.env): string {
  return readTestHook('CDS_TEST_VERSION', env) ?? rootPackage.version;
}
