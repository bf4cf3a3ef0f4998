import { defineConfig } from 'vitest/config';

// The pure core and the web's component tests run fast and in parallel; the server suites share
// one PostgreSQL server and a CPU-heavy browser, so they run with fewer workers.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          sequence: { groupOrder: 0 },
          include: ['packages/core/src/**/*.test.ts', 'content/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'web',
          sequence: { groupOrder: 0 },
          include: ['packages/web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['packages/web/src/test/setup.ts'],
          // A first render imports React and the page's chunk: seconds on a busy shared machine.
          testTimeout: 20_000,
          // Tests move process.env.TZ to play a visitor in another zone; forks keep that to one file.
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'server',
          sequence: { groupOrder: 1 },
          globalSetup: ['packages/server/src/test/global-setup.ts'],
          // bin/anagen.js prefers a compiled build when one exists; tests must run the source they test.
          env: { ANAGEN_FROM_SOURCE: '1' },
          include: ['packages/server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
