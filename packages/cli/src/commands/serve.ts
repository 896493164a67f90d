import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Command } from 'commander';
import { loadConfig } from '@yunying/server/config';
import { isClusterPrimary, isNodeFlagGiven, runClusterPrimary } from '@yunying/server/cluster';
import { CliError } from '../main.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('start the API (and console) on the configured database; creates the first shop on an empty one')
    .option('-p, --port <port>', 'port to listen on (env PORT, default 3300)')
    .option('-H, --host <host>', 'address to bind (env HOST, default 127.0.0.1)')
    .option('-d, --data-dir <dir>', 'embedded database folder (env YUNYING_DATA_DIR, default ./.yunying)')
    .option('-w, --workers <n>', 'API processes sharing the port, PostgreSQL only (env YUNYING_WORKERS, default 1)')
    .action(async (opts: { port?: string; host?: string; dataDir?: string; workers?: string }) => {
      const config = loadConfig(process.env, {
        ...(opts.port ? { port: Number(opts.port) } : {}),
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
        ...(opts.workers ? { workers: Number(opts.workers) } : {}),
      });
      if (!config.databaseUrl) {
        migrateNewFolderApart(resolve(config.dataDir));
        limitWasmCompilationToOneTask();
      }
      if (isClusterPrimary(config)) {
        const failed = await runClusterPrimary(config, (line) => process.stdout.write(`${line}\n`));
        if (failed) throw new CliError(`the first worker stopped (exit code ${failed.firstWorkerExit}) before it could listen; no server was started`, failed.firstWorkerExit);
      } else await (await import('@yunying/server/server')).startServer(config, { handleSignals: true });
      await new Promise<never>(() => {}); // runs until a signal stops the process
    });
}

/**
 * Creates and migrates a new embedded database folder in a short-lived `yunying migrate` process
 * before the server opens it. PGlite's WebAssembly memory never shrinks, and building the schema
 * needs about 50 MB that a server doing it itself would keep for its whole life (measured by
 * `npm run bench -- --engine pglite`: idle RSS and peak after a first start equal a restart's).
 */
function migrateNewFolderApart(dataDir: string): void {
  if (existsSync(join(dataDir, 'PG_VERSION')) || !process.argv[1]) return;
  const child = spawnSync(process.execPath, [process.argv[1], 'migrate', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  // On failure the server's own open reports the problem (and the child's stderr is already shown).
  if (child.error) process.stderr.write(`could not prepare the database in a separate process: ${child.error.message}\n`);
}

/**
 * V8 compiles PGlite's WebAssembly lazily and recompiles its hot functions with the optimizing
 * compiler on background threads, by default on all of V8's worker threads at once. glibc gives
 * each thread its own malloc arena and keeps what a compilation freed there, so every thread that
 * compiled holds on to memory for the life of the process. One compilation at a time leaves far
 * less there (measured by bench/api-bench.ts and probes: start-up peak 257–280 → 222–246 MB, restart
 * peak 236–261 → 213–225 MB; CPU per request no higher). Queries run the same optimized code; it is
 * only ready a little later after start.
 * Set before PGlite compiles its module; a flag given on the command line is left alone.
 */
function limitWasmCompilationToOneTask(): void {
  if (!isNodeFlagGiven('wasm-num-compilation-tasks', process.execArgv, process.env.NODE_OPTIONS)) setFlagsFromString('--wasm-num-compilation-tasks=1');
}
