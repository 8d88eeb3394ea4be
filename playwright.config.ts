/**
 * End-to-end tests: the real UI in Debian's Chromium (never a downloaded browser) against the hub on a fresh
 * data folder. `npm run test:e2e` builds the renderer first.
 *
 * Two lanes run side by side, each with its own hub and data folder, so the specs of one lane never see the other's
 * changes: lane A on E2E_PORT (its sync specs start second hubs on E2E_PORT + 1 and + 2), lane B on E2E_PORT + 3.
 * Within a lane the spec files run one after another (one worker per lane), as they did with a single hub.
 * E2E_LANES=1 runs everything in lane A.
 */
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test'
import { adminState } from './tests/e2e/support'

const PORT = Number(process.env.E2E_PORT ?? 5199)
const TWO_LANES = process.env.E2E_LANES !== '1'
// Lane B: about half of the run's time, balanced on the per-file durations of a measured run (8.5 of 17 min of specs).
const LANE_B = ['stock-100k', 'catalogue-plan', 'catalogue', 'compliance', 'coverage', 'dispatch-requests',
  'dispatch', 'import', 'issue', 'labels']
const laneB = new RegExp(`/(${LANE_B.join('|')})\\.spec\\.ts$`)
const url = (port: number) => `http://127.0.0.1:${port}/`

type Project = NonNullable<PlaywrightTestConfig['projects']>[number]
const lane = (name: string, port: number, specs: { testMatch: RegExp; testIgnore?: RegExp }): Project[] => [
  // signs in once through the login page; the lane's specs start with that session's cookies
  { name: `login-${name}`, testMatch: /setup\/.*\.setup\.ts/, metadata: { lane: name }, use: { baseURL: url(port) } },
  { name: `app-${name}`, ...specs, dependencies: [`login-${name}`], workers: 1, use: { baseURL: url(port), storageState: adminState(name) } },
]
const hub = (port: number) => ({
  command: `npx tsx tests/e2e/start-hub.ts ${port}`,
  url: `http://127.0.0.1:${port}/healthz`,
  timeout: 120_000,
  reuseExistingServer: false,
  stdout: 'pipe' as const,
})

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: TWO_LANES ? 2 : 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
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
  projects: TWO_LANES
    ? [...lane('a', PORT, { testMatch: /.*\.spec\.ts/, testIgnore: laneB }), ...lane('b', PORT + 3, { testMatch: laneB })]
    : lane('a', PORT, { testMatch: /.*\.spec\.ts/ }),
  webServer: TWO_LANES ? [hub(PORT), hub(PORT + 3)] : hub(PORT),
})
