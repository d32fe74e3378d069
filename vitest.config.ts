import { defineConfig } from 'vitest/config';

// Unit and integration tests. Integration tests run on embedded PGlite by default and on
// PostgreSQL when DATABASE_URL is set (see test/helpers/testDb.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    globalSetup: ['test/helpers/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
