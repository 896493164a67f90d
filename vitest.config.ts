import { defineConfig } from 'vitest/config';

// One config for the whole workspace. The database engine under test comes from
// YUNYING_TEST_ENGINE (pglite | postgres); scripts/test.mjs runs the suite once per engine.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'packages/*/test/browser/**'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['packages/db/test/global-setup.ts'],
  },
});
