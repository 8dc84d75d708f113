import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@cds/source'] },
  ssr: { resolve: { conditions: ['@cds/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['scripts/vitest-global-setup.mjs'],
  },
});
