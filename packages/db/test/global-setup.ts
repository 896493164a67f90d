// Vitest global setup: nothing to do for PGlite (each test file opens its own in-memory
// database). For PostgreSQL, scripts/test.mjs provides TEST_DATABASE_URL before the run.
export default function setup(): void {
  const engine = process.env.YUNYING_TEST_ENGINE ?? 'pglite';
  if (engine === 'postgres' && !process.env.TEST_DATABASE_URL) {
    throw new Error('YUNYING_TEST_ENGINE=postgres needs TEST_DATABASE_URL; run the suite with `npm test`.');
  }
}
