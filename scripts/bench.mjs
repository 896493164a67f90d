#!/usr/bin/env node
// `npm run bench`: the API benchmark (bench/api-bench.ts) through tsx's loader. Arguments pass
// through, e.g. `npm run bench -- --engine pglite --duration 10`; `npm run bench -- --help` lists them.
// The exit code is the benchmark's: 0 when every figure was measured (even below target), 1 when
// something broke, 2 for bad arguments.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/api-bench.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});

// Ctrl-C reaches the benchmark through the terminal's process group; a SIGTERM sent to this
// process alone is passed on, so the benchmark can stop its servers and drop its database.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  });
}

child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  console.error(`cannot start the benchmark: ${error.message}`);
  process.exit(1);
});
