import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The real-browser suite. The root vitest.config.ts excludes packages/*/test/browser/**, so this
// config is passed explicitly by scripts/test-browser.mjs (`npm run test:browser`), which starts the
// server, finds Chromium and hands both to these tests through the environment (see support.ts).
export default defineConfig({
  root: fileURLToPath(new URL('../../../../', import.meta.url)),
  test: {
    include: ['packages/server/test/browser/**/*.browser.test.ts'],
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    // One Chromium at a time: the machine has two cores and the files share one server.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
