/**
 * Test hooks (SPEC §11) change time, version, scrypt cost and inject faults. They must never work in
 * production, so every reader goes through here and gets nothing unless both conditions hold.
 */
export type TestHookName = 'CDS_TEST_NOW' | 'CDS_TEST_VERSION' | 'CDS_TEST_SCRYPT_LOGN' | 'CDS_FAULT_POINT';

export type Env = Readonly<Record<string, string | undefined>>;

export function testHooksEnabled(env: Env = process.env): boolean {
  return env['CDS_TEST_HOOKS'] === '1' && env['NODE_ENV'] !== 'production';
}

export function readTestHook(name: TestHookName, env: Env = process.env): string | undefined {
  if (!testHooksEnabled(env)) return undefined;
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}
