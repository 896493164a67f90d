#!/usr/bin/env node
// The `yunying` command. It runs a JavaScript bundle of the CLI and server (dist/yunying.mjs),
// rebuilt with esbuild whenever a source file is newer than it (about 0.2 s), so a checkout
// always runs its own code without a separate build step. Dependencies stay in node_modules.
// Running the bundle instead of TypeScript through a loader saves about 90 MB of memory and the
// start-up transform. YUNYING_NO_BUNDLE=1 runs the sources through tsx instead (debugging).
import { ensureBundle } from './ensure-bundle.js';

let entry;
if (process.env.YUNYING_NO_BUNDLE) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = '../src/main.ts';
} else {
  entry = await ensureBundle();
}
const { main } = await import(entry);
process.exitCode = await main(process.argv);
