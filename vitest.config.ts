import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// CI has 2 cores and most test files wait on sockets, child processes and fsync rather than compute,
// so they run three at a time; a CLI-spawning test can then take 30 s on a loaded machine, hence the
// 60 s timeout. The streaming tests that assert time and memory bars on gigabyte payloads run
// afterwards, one at a time, so the rest of the suite does not skew their figures.
// Test data directories in memory where the machine has it: the tests kill processes, never the power,
// so fsync waits (most of the suite's wall time on a shared disk) prove nothing here. The streaming
// tests keep the disk: their gigabyte files are what they measure.
const memoryTmp = existsSync('/dev/shm') && !process.env['CDS_TEST_DISK_TMP'] ? { TMPDIR: '/dev/shm' } : {};

const heavy = [
  'packages/crypto/src/age-streaming.test.ts',
  'packages/envelope/src/streaming.test.ts',
  'packages/blobs/src/fs-blob-store.test.ts',
];

export default defineConfig({
  resolve: { conditions: ['@cds/source'] },
  ssr: { resolve: { conditions: ['@cds/source'] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['scripts/vitest-global-setup.mjs'],
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...heavy, '**/node_modules/**', '**/dist/**'],
          maxWorkers: 3,
          env: memoryTmp,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'streaming', include: heavy, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
