#!/usr/bin/env node
// `npm run test:browser`: the real-browser suite (packages/server/test/browser/**/*.browser.test.ts).
// Finds Chromium, starts the real server (`yunying serve`) on a free loopback port with a fresh
// embedded database, reads the one-time owner login it prints, waits for /readyz, runs vitest with the
// browser config, then stops the server with SIGTERM and requires a clean exit (code 0) within 15 s.
// No Chromium is a failure, never a skip: install Debian's `chromium` package (or set CHROMIUM_PATH).
// Screenshots go to .test-artifacts/browser/ (emptied at the start of each run). Extra arguments go to vitest.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib/local-servers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VITEST_CONFIG = 'packages/server/test/browser/vitest.browser.config.ts';
const ARTIFACTS = join(root, '.test-artifacts', 'browser');
const READY_TIMEOUT_MS = 120_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;
const extraArgs = process.argv.slice(2);

function fail(message) {
  console.error(`\ntest:browser: FAILED: ${message}`);
  process.exit(1);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) fail(`CHROMIUM_PATH=${fromEnv} is not an executable file.`);
    return fromEnv;
  }
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(isExecutable);
  if (!found) {
    fail(
      'no Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser).\n' +
        "  The browser tests need Debian's chromium package; they are never skipped. Install it with:\n" +
        '    apt-get update && apt-get install -y chromium\n' +
        '  or point CHROMIUM_PATH at a Chromium executable.',
    );
  }
  return found;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- Chromium ------------------------------------------------------------------------------------
const chromiumPath = findChromium();
const version = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8', timeout: 30_000 });
if (version.status !== 0) {
  fail(`${chromiumPath} --version did not run (${version.error?.message ?? version.stderr?.trim() ?? `exit ${version.status}`}).`);
}
console.log(`Chromium: ${chromiumPath} (${version.stdout.trim()})`);
const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
if (fonts.status === 0 && fonts.stdout.trim() === '') {
  console.warn(
    'Note: no Chinese font is installed, so screenshots show CJK text (运营) as empty boxes; the tests read\n' +
      '  the DOM and are unaffected. `apt-get install -y fonts-noto-cjk` makes the screenshots legible.',
  );
}

// --- server --------------------------------------------------------------------------------------
rmSync(ARTIFACTS, { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });
const workDir = mkdtempSync(join(tmpdir(), 'yunying-browser-'));
const dataDir = join(workDir, 'data');
const resultsFile = join(workDir, 'vitest-results.json');
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;

// A hermetic server: the embedded database in a fresh folder, whatever the caller's environment says.
const serverEnv = { ...process.env };
for (const name of Object.keys(serverEnv)) {
  if (name.startsWith('YUNYING_') || ['DATABASE_URL', 'HOST', 'PORT', 'LOG_LEVEL'].includes(name)) delete serverEnv[name];
}
Object.assign(serverEnv, { HOST: '127.0.0.1', PORT: String(port), YUNYING_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

console.log(`Starting the server on ${baseUrl} (data in ${dataDir})…`);
const server = spawn(process.execPath, ['packages/cli/bin/yunying.js', 'serve'], {
  cwd: root,
  env: serverEnv,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverOutput = '';
let serverExit; // { code, signal } once it has exited
const serverExited = new Promise((r) =>
  server.on('exit', (code, signal) => {
    serverExit = { code, signal };
    r(serverExit);
  }),
);
const echo = (stream) => (chunk) => {
  const text = chunk.toString();
  serverOutput += text;
  const shown = text.replace(/^(\s*password:\s+)\S+/gm, '$1********');
  for (const line of shown.split('\n')) if (line.trim() !== '') stream.write(`[server] ${line}\n`);
};
server.stdout.on('data', echo(process.stdout));
server.stderr.on('data', echo(process.stderr));

let cleanedUp = false;
function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (!serverExit) server.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\ntest:browser: interrupted (${signal})`);
    cleanUp();
    process.exit(130);
  });
}
function abort(message) {
  cleanUp();
  fail(message);
}

// --- the printed login and readiness -------------------------------------------------------------
let credentials;
const readyBy = Date.now() + READY_TIMEOUT_MS;
for (;;) {
  if (serverExit) abort(`the server exited before it was ready (code ${serverExit.code}, signal ${serverExit.signal}).`);
  if (Date.now() > readyBy) abort(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s.`);
  const email = /^\s*email:\s+(\S+)\s*$/m.exec(serverOutput)?.[1];
  const password = /^\s*password:\s+(\S+)\s*$/m.exec(serverOutput)?.[1];
  if (email && password) credentials = { email, password };
  try {
    const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
    const body = await res.json().catch(() => null);
    if (res.status === 200 && body?.status === 'ready') break;
  } catch {
    // not listening yet
  }
  await sleep(250);
}
if (!credentials) abort('the server is ready but did not print the one-time login (`email:` / `password:` lines) on its fresh database.');
console.log(`Server ready; signing in as ${credentials.email}.`);

// --- the tests -----------------------------------------------------------------------------------
const testsCode = await new Promise((r) => {
  const vitest = spawn(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      VITEST_CONFIG,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${resultsFile}`,
      ...extraArgs,
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        YUNYING_BROWSER_BASE_URL: baseUrl,
        YUNYING_BROWSER_EMAIL: credentials.email,
        YUNYING_BROWSER_PASSWORD: credentials.password,
        YUNYING_BROWSER_ARTIFACTS: ARTIFACTS,
        CHROMIUM_PATH: chromiumPath,
      },
    },
  );
  vitest.on('exit', (code, signal) => r(code ?? (signal ? 1 : 0)));
});

// --- graceful shutdown ---------------------------------------------------------------------------
let shutdownProblem;
let shutdownMs;
if (serverExit) {
  shutdownProblem = `the server died during the tests (code ${serverExit.code}, signal ${serverExit.signal})`;
} else {
  const started = Date.now();
  server.kill('SIGTERM');
  const exit = await Promise.race([serverExited, sleep(SHUTDOWN_TIMEOUT_MS).then(() => null)]);
  shutdownMs = Date.now() - started;
  if (!exit) {
    server.kill('SIGKILL');
    await serverExited;
    shutdownProblem = `the server did not exit within ${SHUTDOWN_TIMEOUT_MS / 1000} s of SIGTERM (killed)`;
  } else if (exit.code !== 0) {
    shutdownProblem = `the server exited with code ${exit.code}${exit.signal ? ` (signal ${exit.signal})` : ''} after SIGTERM, not 0`;
  }
}

let counts;
if (existsSync(resultsFile)) {
  try {
    const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
  } catch {
    // reported below as unknown
  }
}
cleanUp();

console.log('\n=== browser tests ===');
console.log(`tests: ${testsCode === 0 ? 'passed' : `FAILED (vitest exit ${testsCode})`}`);
console.log(`server shutdown: ${shutdownProblem ? `FAILED: ${shutdownProblem}` : `clean (exit 0 in ${shutdownMs} ms after SIGTERM)`}`);
console.log(`screenshots: ${ARTIFACTS}`);
if (counts) {
  console.log(`browser: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
}
const ok = testsCode === 0 && !shutdownProblem && counts !== undefined && counts.passed > 0;
if (ok) process.exit(0);
if (testsCode === 0 && !shutdownProblem) console.error('test:browser: FAILED: no test ran.');
process.exit(1);
