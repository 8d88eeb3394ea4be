import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // vitest's default on a 2-core machine is a single worker; much of the suite waits on child processes and files,
    // so two workers finish the run in about 3.5 min instead of 5 here
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
