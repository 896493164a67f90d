#!/usr/bin/env node
// The `yunying` command. It runs a JavaScript bundle of the CLI and server (dist/yunying.mjs),
// rebuilt with esbuild, in a child process, whenever a source file is newer than it (the command
// then takes about 0.25 s longer), so a checkout always runs its own code without a separate build
// step. Dependencies stay in node_modules.
// Running the bundle instead of TypeScript through a loader saves about 90 MB of memory and the
// start-up transform. YUNYING_NO_BUNDLE=1 runs the sources through tsx instead (debugging).
import { ensureBundle } from './ensure-bundle.js';

// A reader that stops early (`yunying --help | head -3`) closes the pipe: what is left to print
// goes nowhere, and the command goes on and ends as usual instead of dying on the write error.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

let entry;
if (process.env.YUNYING_NO_BUNDLE) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = '../src/main.ts';
} else {
  try {
    entry = ensureBundle();
  } catch (error) {
    process.stderr.write(`yunying: ${error.message}\n`);
    process.exit(1);
  }
}
const { main } = await import(entry);
process.exitCode = await main(process.argv);
// A worker of `serve --workers` whose command has ended (it could not start) lets go of its channel
// to the primary, which would otherwise keep it alive; the primary then reports its exit code.
// (Worker.disconnect, not process.disconnect: after the latter the worker would exit with code 0.)
if (process.channel) {
  const { default: cluster } = await import('node:cluster');
  cluster.worker?.disconnect();
}
