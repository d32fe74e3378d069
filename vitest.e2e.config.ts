import { defineConfig } from 'vitest/config';

// Browser tests: a real server on a fresh database per file, driven by Playwright in Debian's
// Chromium. Two files run at once (the machine has two cores); waits are generous because a
// loaded machine renders slowly, not because anything is expected to be slow.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    globalSetup: ['test/helpers/globalSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
