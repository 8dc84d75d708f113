import { defineConfig } from '@playwright/test';

/**
 * Browser tests (`npm test -- browser`, or `npm run test:browser`) in Debian's Chromium: never a
 * downloaded browser (stack.md §1.5). The global setup starts a real node on a free loopback port
 * with its own data directory and the built web app; see e2e/support/.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './support/global-setup.ts',
  // One spec file at a time by default: on two cores the phase is CPU-bound (Chromium, axe, the
  // servers), and two workers took as long (7.1 min against 7.2) with every test twice as slow.
  // CDS_E2E_WORKERS=N runs N, each driving its own fixture node (global-setup.ts); the specs that
  // start a world use their own ports, so no spec sees another's data.
  workers: Number(process.env['CDS_E2E_WORKERS'] ?? 1),
  fullyParallel: false,
  // Generous: a test that takes 45 s alone takes twice that on a loaded machine or beside a second worker.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env['CDS_E2E_REPORT'] ?? '../test-results/e2e.json' }]],
  outputDir: '../test-results/e2e',
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'zh-HK',
    timezoneId: 'Asia/Hong_Kong',
    viewport: { width: 1366, height: 860 },
    // As a user who asked for less motion: no transition to wait out, nothing for Chromium to paint
    // frame by frame on two shared cores (the phase is CPU-bound).
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CDS_CHROMIUM'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
