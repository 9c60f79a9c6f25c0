import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'api',
          include: ['test/server/**/*.test.ts'],
          globalSetup: ['test/support/database-template.ts'],
          pool: 'forks',
          // Vitest's default leaves a core idle (cores − 1); the API files keep both busy.
          maxWorkers: 2,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/web/**/*.test.ts'],
          globalSetup: ['test/web/build-web.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
