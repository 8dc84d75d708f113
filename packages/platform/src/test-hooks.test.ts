import { describe, expect, it } from 'vitest';
import { readTestHook, testHooksEnabled } from './test-hooks.js';
import { createClock } from './clock.js';
import { softwareVersion } from './version.js';

const HOOKS = {
  CDS_TEST_NOW: '2030-01-01T00:00:00Z',
  CDS_TEST_VERSION: '9.9.9',
  CDS_TEST_SCRYPT_LOGN: '10',
  CDS_FAULT_POINT: 'x',
};

describe('test hooks', () => {
  it('work only with CDS_TEST_HOOKS=1 outside production', () => {
    expect(testHooksEnabled({ CDS_TEST_HOOKS: '1' })).toBe(true);
    expect(testHooksEnabled({ CDS_TEST_HOOKS: '1', NODE_ENV: 'test' })).toBe(true);
    expect(testHooksEnabled({ CDS_TEST_HOOKS: '1', NODE_ENV: 'production' })).toBe(false);
    expect(testHooksEnabled({ CDS_TEST_HOOKS: 'true' })).toBe(false);
    expect(testHooksEnabled({})).toBe(false);
  });

  it.each([
    ['without CDS_TEST_HOOKS', { ...HOOKS }],
    ['in production', { ...HOOKS, CDS_TEST_HOOKS: '1', NODE_ENV: 'production' }],
  ])('are ignored %s', (_label, env) => {
    for (const name of [
      'CDS_TEST_NOW',
      'CDS_TEST_VERSION',
      'CDS_TEST_SCRYPT_LOGN',
      'CDS_FAULT_POINT',
    ] as const) {
      expect(readTestHook(name, env)).toBeUndefined();
    }
    expect(Math.abs(createClock(env).now() - Date.now())).toBeLessThan(1000);
    expect(softwareVersion(env)).not.toBe('9.9.9');
  });

  it('move the clock and the version when enabled', () => {
    const env = { ...HOOKS, CDS_TEST_HOOKS: '1' };
    expect(Math.abs(createClock(env).now() - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(1000);
    expect(createClock({ ...env, CDS_TEST_NOW: '1700000000000' }).now()).toBeGreaterThanOrEqual(
      1_700_000_000_000,
    );
    expect(softwareVersion(env)).toBe('9.9.9');
    expect(() => createClock({ ...env, CDS_TEST_NOW: 'yesterday' })).toThrow(/CDS_TEST_NOW/);
  });
});

describe('fault points', () => {
  it('kill the process only when named under test hooks', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = `import('${new URL('./fault.ts', import.meta.url).pathname}').then((m) => { m.faultPoint('a.b'); process.exit(0); })`;
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, ...env } });
    expect(run({ CDS_TEST_HOOKS: '1', CDS_FAULT_POINT: 'x,a.b' }).signal).toBe('SIGKILL');
    expect(run({ CDS_TEST_HOOKS: '1', CDS_FAULT_POINT: 'other' }).status).toBe(0);
    expect(run({ CDS_FAULT_POINT: 'a.b' }).status).toBe(0);
    expect(run({ CDS_TEST_HOOKS: '1', NODE_ENV: 'production', CDS_FAULT_POINT: 'a.b' }).status).toBe(0);
  });
});
