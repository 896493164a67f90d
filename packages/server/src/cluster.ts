import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.ts';

/**
 * `yunying serve` with `workers` > 1 (PostgreSQL only): this primary process forks the workers,
 * which share the port and each run the ordinary server, and supervises them. The first worker
 * starts alone: it migrates the database and, on an empty one, creates the first shop and prints
 * its login once; the others are forked when it listens, and find both done. If the first worker
 * exits before it listens (a bad DATABASE_URL, a busy port…), it has said why, and the primary
 * exits with its code instead of forking more. SIGTERM/SIGINT reach every worker, which finish
 * their requests in flight; a worker that dies later is replaced.
 *
 * The primary opens no database and loads neither the HTTP server nor the database drivers
 * (the CLI imports them only in the commands that run them), so supervising costs little memory.
 *
 * What each worker keeps to itself: its verified-caller cache (a revocation reaches the others
 * within authCacheMs) and its sign-in rate limit (so the per-address budget is per worker;
 * the account lockout lives in the database and holds across workers).
 */
export async function runClusterPrimary(config: Config, print: (line: string) => void): Promise<{ firstWorkerExit: number } | undefined> {
  cluster.setupPrimary({ execArgv: workerExecArgv(config, process.execArgv, process.env.NODE_OPTIONS) });
  let closing = false;
  const workers = new Set<Worker>();
  const start = (): Worker => {
    const worker = cluster.fork(workerEnv(process.env));
    workers.add(worker);
    worker.on('exit', () => workers.delete(worker));
    return worker;
  };
  const replaceWhenStopped = (worker: Worker) =>
    worker.on('exit', (code, signal) => {
      if (closing) return;
      print(`worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
      replaceWhenStopped(start());
    });

  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    for (const worker of workers) worker.process.kill(signal === 'SIGINT' ? 'SIGTERM' : signal);
    const deadline = setTimeout(() => process.exit(1), config.shutdownGraceMs + 5_000);
    deadline.unref();
    const check = setInterval(() => {
      if (workers.size === 0) {
        clearInterval(check);
        process.exit(0);
      }
    }, 50);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  const first = start();
  const firstExit = await new Promise<number | null>((resolve) => {
    const onExit = (code: number | null) => resolve(code || 1);
    first.once('exit', onExit);
    first.once('listening', () => {
      first.off('exit', onExit);
      resolve(null);
    });
  });
  if (firstExit !== null) return closing ? undefined : { firstWorkerExit: firstExit };
  replaceWhenStopped(first);
  for (let i = 1; i < config.workers; i++) replaceWhenStopped(start());
  print(`Yunying primary ${process.pid}: ${config.workers} workers on port ${config.port}`);
  return undefined;
}

/** Was the node/V8 flag `--<name>` given to this process (in its arguments or NODE_OPTIONS)? V8 reads `_` as `-`. */
export function isNodeFlagGiven(name: string, execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const flag = `--${name}`;
  return [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((arg) => {
    const normal = arg.replaceAll('_', '-');
    return normal === flag || normal.startsWith(`${flag}=`);
  });
}

/**
 * The workers' node flags: the primary's own, plus a larger young generation unless one was given.
 * A worker answering requests allocates mostly short-lived objects (rows, answers); with V8's
 * default 16 MB semi-space they are scavenged so often that many survive into the old generation
 * and cost full collections later. 64 MB cut the server CPU per request by about 10–15 % at the
 * price of up to 128 MB more RSS per busy worker, which an idle worker gives back (idle-collector.ts;
 * bench/README.md).
 */
export function workerExecArgv(config: Pick<Config, 'workerSemiSpaceMb'>, execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  if (config.workerSemiSpaceMb === 0 || isNodeFlagGiven('max-semi-space-size', execArgv, nodeOptions)) return [...execArgv];
  return [...execArgv, `--max-semi-space-size=${config.workerSemiSpaceMb}`];
}

/**
 * The environment a worker adds to the primary's. glibc's malloc raises its mmap and trim
 * thresholds for the whole process after the first large free (argon2's 19 MiB at a sign-in, for
 * one), and from then on every thread's arena keeps up to twice that in freed memory; a fixed
 * threshold (which glibc reads only when a process starts) stops that. Measured on the embedded
 * database's server: idle RSS 202 / 243 / 180 → 173 / 197 / 164 MB after start-up / warm-up /
 * restart, CPU per request unchanged (bench/README.md). Other C libraries ignore the variable;
 * one already set wins.
 */
export function workerEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return { YUNYING_CLUSTER_WORKER: '1', ...(env.MALLOC_MMAP_THRESHOLD_ === undefined ? { MALLOC_MMAP_THRESHOLD_: '131072' } : {}) };
}

export function isClusterPrimary(config: Config): boolean {
  return config.workers > 1 && cluster.isPrimary;
}
