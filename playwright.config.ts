/**
 * End-to-end tests: the real UI in Debian's Chromium (never a downloaded browser) against the hub on a fresh
 * data folder. `npm run test:e2e` builds the renderer first.
 */
import { defineConfig } from '@playwright/test'
import { ADMIN_STATE } from './tests/e2e/support'

const PORT = Number(process.env.E2E_PORT ?? 5199)

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // signs in once through the login page; every other spec starts with that session's cookies
    { name: 'login', testMatch: /setup\/.*\.setup\.ts/ },
    { name: 'app', testMatch: /.*\.spec\.ts/, dependencies: ['login'], use: { storageState: ADMIN_STATE } },
  ],
  webServer: {
    command: `npx tsx tests/e2e/start-hub.ts ${PORT}`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
})
